import Crypto
import Foundation

/// Seals secrets at rest (access-key secrets, session secrets, TOTP seeds) with AES-256-GCM under
/// the master key. The associated data binds a sealed value to its owner (the key id), so a
/// ciphertext moved to another row does not open.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    public struct OpenError: Error, CustomStringConvertible {
        public var description: String { "a sealed secret could not be opened (wrong master key or corrupted data)" }
    }

    /// `keyBytes` must be 32 bytes.
    public init?(keyBytes: [UInt8]) {
        guard keyBytes.count == 32 else { return nil }
        key = SymmetricKey(data: keyBytes)
    }

    /// A new random master key.
    public static func generateKeyBytes() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// Key material derived from the master key for one purpose (HKDF-SHA256), e.g. a signing key.
    func derivedBytes(_ purpose: String, count: Int) -> [UInt8] {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data(purpose.utf8), outputByteCount: count)
            .withUnsafeBytes { Array($0) }
    }

    public func seal(_ secret: String, boundTo owner: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(Data(secret.utf8), using: key, authenticating: Data(owner.utf8))
        guard let combined = box.combined else { throw OpenError() }
        return [UInt8](combined)
    }

    public func open(_ sealed: [UInt8], boundTo owner: String) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: Data(sealed))
            let plain = try AES.GCM.open(box, using: key, authenticating: Data(owner.utf8))
            guard let text = String(data: plain, encoding: .utf8) else { throw OpenError() }
            return text
        } catch {
            throw OpenError()
        }
    }

    /// SHA-256 of a session token: tokens are stored only as hashes.
    public static func tokenHash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }

    /// Compares two byte strings in time independent of where they differ.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
