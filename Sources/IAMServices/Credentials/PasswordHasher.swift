import Crypto
import Foundation
import HummingbirdBcrypt

/// Console passwords: bcrypt (cost 12) over a SHA-256 pre-hash, so passwords longer than bcrypt's
/// 72-byte limit (IAM allows 128 characters) are not truncated. The work runs off the
/// concurrency pool so a burst of sign-ins cannot stall other requests.
enum PasswordHasher {
    static let cost: UInt8 = 12

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    static func hash(_ password: String) async -> String {
        let input = prehash(password)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(input, cost: cost)) }
        }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        let input = prehash(password)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(input, hash: hash)) }
        }
    }
}
