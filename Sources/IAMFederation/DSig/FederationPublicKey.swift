public import Crypto
public import CryptoExtras
import Foundation
import SwiftASN1
import X509

/// A key that signs identity tokens or assertions: from a JWKS entry or an IdP's X.509 certificate.
public enum FederationPublicKey: Sendable {
    case rsa(_RSA.Signing.PublicKey)
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case p521(P521.Signing.PublicKey)

    /// The key of a DER-encoded X.509 certificate (RSA of at least 2048 bits, or EC P-256/384/521).
    public init?(certificateDER der: [UInt8]) {
        guard let certificate = try? Certificate(derEncoded: der) else { return nil }
        if let key = _RSA.Signing.PublicKey(certificate.publicKey) {
            self = .rsa(key)
        } else if let key = P256.Signing.PublicKey(certificate.publicKey) {
            self = .p256(key)
        } else if let key = P384.Signing.PublicKey(certificate.publicKey) {
            self = .p384(key)
        } else if let key = P521.Signing.PublicKey(certificate.publicKey) {
            self = .p521(key)
        } else {
            return nil
        }
    }

    /// Checks `signature` over `data`: RSASSA-PKCS1-v1_5 for RSA keys, ECDSA with the signature
    /// given as the raw `r || s` concatenation (as JWS and XML-DSig carry it) for EC keys.
    public func isValidSignature(_ signature: [UInt8], over data: [UInt8], hash: FederationHash) -> Bool {
        switch self {
        case .rsa(let key):
            let rsa = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch hash {
            case .sha1: return key.isValidSignature(rsa, for: Insecure.SHA1.hash(data: data), padding: .insecurePKCS1v1_5)
            case .sha256: return key.isValidSignature(rsa, for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
            case .sha384: return key.isValidSignature(rsa, for: SHA384.hash(data: data), padding: .insecurePKCS1v1_5)
            case .sha512: return key.isValidSignature(rsa, for: SHA512.hash(data: data), padding: .insecurePKCS1v1_5)
            }
        // EC keys sign with the hash of their curve (ES256/P-256, ES384/P-384, ES512/P-521); other pairings are refused.
        case .p256(let key):
            guard hash == .sha256, let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: data)
        case .p384(let key):
            guard hash == .sha384, let ecdsa = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: data)
        case .p521(let key):
            guard hash == .sha512, let ecdsa = try? P521.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: data)
        }
    }

    var isRSA: Bool { if case .rsa = self { true } else { false } }
}

/// The digests federation signatures use.
public enum FederationHash: Sendable {
    case sha1, sha256, sha384, sha512

    func digest(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: Array(Insecure.SHA1.hash(data: data))
        case .sha256: Array(SHA256.hash(data: data))
        case .sha384: Array(SHA384.hash(data: data))
        case .sha512: Array(SHA512.hash(data: data))
        }
    }
}

/// Base64 as XML-DSig and SAML carry it: line breaks and spaces are allowed between characters.
enum Base64Text {
    static func decode(_ text: String) -> [UInt8]? {
        let compact = String(text.unicodeScalars.filter { !($0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t") })
        guard !compact.isEmpty, let data = Data(base64Encoded: compact) else { return nil }
        return [UInt8](data)
    }
}
