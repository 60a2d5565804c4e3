#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Crypto
import CryptoExtras

/// Checks SSH public keys uploaded with UploadSSHPublicKey (IAM facts §4.10) and produces the fingerprint and the two
/// encodings GetSSHPublicKey returns.
public enum SSHPublicKey {
    /// The `publicKeyMaterialType` length limit in the IAM model.
    public static let maximumBodyLength = 16_384
    /// The only OpenSSH key type IAM accepts.
    static let rsaKeyType = "ssh-rsa"

    /// Accepts OpenSSH `ssh-rsa BASE64 [comment]` and PEM (`BEGIN PUBLIC KEY` SPKI and `BEGIN RSA PUBLIC KEY` PKCS#1).
    ///
    /// Whatever the input encoding, the key is reduced to its modulus and exponent, checked (at least 2048 bits, odd
    /// exponent of at least 3), loaded by swift-crypto as a final check, and re-encoded canonically, so the same key
    /// always gets the same fingerprint, `sshEncoding` and `pemEncoding`.
    public static func parse(_ body: String) -> Result<SSHPublicKeyInfo, SSHPublicKeyError> {
        guard body.unicodeScalars.count <= maximumBodyLength else {
            return .failure(.invalid("the public key body is longer than \(maximumBodyLength) characters"))
        }
        let numbers = PEMArmor.looksLikePEM(body) ? parsePEM(body) : parseOpenSSH(body)
        return numbers.flatMap(describe)
    }

    /// Validates `numbers` and computes everything IAM stores about the key.
    static func describe(_ numbers: RSAPublicNumbers) -> Result<SSHPublicKeyInfo, SSHPublicKeyError> {
        if let problem = numbers.problem {
            return .failure(.invalid(problem))
        }
        let key: _RSA.Signing.PublicKey
        do {
            key = try _RSA.Signing.PublicKey(derRepresentation: numbers.pkcs1DER)
        } catch {
            return .failure(.invalid("the RSA public key could not be loaded"))
        }
        let blob = numbers.sshBlob
        return .success(
            SSHPublicKeyInfo(
                fingerprint: md5Fingerprint(of: blob),
                sshEncoding: "\(rsaKeyType) \(Data(blob).base64EncodedString())",
                pemEncoding: PEMArmor.encode(label: "PUBLIC KEY", der: key.derRepresentation),
                modulusBits: key.keySizeInBits
            ))
    }

    /// MD5 of `blob` as lowercase hex pairs joined by `:` (RFC 4716 §4), the fingerprint format of IAM and of
    /// `ssh-keygen -l -E md5`.
    static func md5Fingerprint(of blob: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let pairs = Insecure.MD5.hash(data: blob).map { byte in
            String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }
        return pairs.joined(separator: ":")
    }
}
