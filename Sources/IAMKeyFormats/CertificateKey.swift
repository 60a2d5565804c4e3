#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Crypto
import CryptoExtras
import SwiftASN1

/// A public key found in a certificate, loaded so that it can check signatures and be compared with a private key.
/// RSA keys of 1024 bits and more load (BoringSSL's "unsafe" floor), as do EC keys on P-256, P-384 and P-521.
enum CertificateKey {
    case rsa(_RSA.Signing.PublicKey)
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case p521(P521.Signing.PublicKey)

    static let ecdsaWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 10_045, 4, 1]
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10_045, 4, 3, 2]
    static let ecdsaWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 10_045, 4, 3, 3]
    static let ecdsaWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 10_045, 4, 3, 4]
    static let sha1WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 5]

    /// The key of `fields`, or nil when it is of another kind or does not load.
    init?(_ fields: X509Fields) {
        switch fields.keyAlgorithm {
        case .AlgorithmIdentifier.rsaEncryption:
            guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: fields.publicKeyInfo) else { return nil }
            self = .rsa(key)
        case .AlgorithmIdentifier.idEcPublicKey:
            switch fields.keyParameter {
            case ASN1ObjectIdentifier.NamedCurves.secp256r1:
                guard let key = try? P256.Signing.PublicKey(derRepresentation: fields.publicKeyInfo) else { return nil }
                self = .p256(key)
            case ASN1ObjectIdentifier.NamedCurves.secp384r1:
                guard let key = try? P384.Signing.PublicKey(derRepresentation: fields.publicKeyInfo) else { return nil }
                self = .p384(key)
            case ASN1ObjectIdentifier.NamedCurves.secp521r1:
                guard let key = try? P521.Signing.PublicKey(derRepresentation: fields.publicKeyInfo) else { return nil }
                self = .p521(key)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// "RSA 2048", "EC P-256": for messages.
    var description: String {
        switch self {
        case .rsa(let key): "RSA \(key.keySizeInBits)"
        case .p256: "EC P-256"
        case .p384: "EC P-384"
        case .p521: "EC P-521"
        }
    }

    /// Whether IAM takes this as a server certificate's key: RSA of 1024 to 4096 bits, or EC on P-256 or P-384.
    var isAcceptedForServerCertificates: Bool {
        switch self {
        case .rsa(let key): (1_024...4_096).contains(key.keySizeInBits)
        case .p256, .p384: true
        case .p521: false
        }
    }

    /// A canonical encoding of the public key (PKCS#1 for RSA, the uncompressed point for EC), equal for equal keys.
    var canonicalBytes: [UInt8] {
        switch self {
        case .rsa(let key): [UInt8](key.pkcs1DERRepresentation)
        case .p256(let key): [UInt8](key.x963Representation)
        case .p384(let key): [UInt8](key.x963Representation)
        case .p521(let key): [UInt8](key.x963Representation)
        }
    }

    /// Whether this key can check signatures made with `algorithm`: PKCS#1 v1.5 with SHA-1/256/384/512 for RSA, ECDSA
    /// with SHA-1/256/384/512 for EC. Others (RSA-PSS, Ed25519) are not checked.
    func canVerify(_ algorithm: ASN1ObjectIdentifier) -> Bool {
        switch self {
        case .rsa:
            [Self.sha1WithRSAEncryption, .AlgorithmIdentifier.sha256WithRSAEncryption,
             .AlgorithmIdentifier.sha384WithRSAEncryption, .AlgorithmIdentifier.sha512WithRSAEncryption].contains(algorithm)
        case .p256, .p384, .p521:
            [Self.ecdsaWithSHA1, Self.ecdsaWithSHA256, Self.ecdsaWithSHA384, Self.ecdsaWithSHA512].contains(algorithm)
        }
    }

    /// Whether `signature` over `message` verifies with this key under `algorithm`; false for algorithms
    /// ``canVerify(_:)`` refuses.
    func verifies(_ signature: [UInt8], over message: [UInt8], algorithm: ASN1ObjectIdentifier) -> Bool {
        switch (self, algorithm) {
        case (.rsa(let key), Self.sha1WithRSAEncryption):
            return Self.rsa(key, signature, Insecure.SHA1.hash(data: message))
        case (.rsa(let key), .AlgorithmIdentifier.sha256WithRSAEncryption):
            return Self.rsa(key, signature, SHA256.hash(data: message))
        case (.rsa(let key), .AlgorithmIdentifier.sha384WithRSAEncryption):
            return Self.rsa(key, signature, SHA384.hash(data: message))
        case (.rsa(let key), .AlgorithmIdentifier.sha512WithRSAEncryption):
            return Self.rsa(key, signature, SHA512.hash(data: message))
        case (.rsa, _):
            return false
        case (_, Self.ecdsaWithSHA1):
            return ecdsa(signature, Insecure.SHA1.hash(data: message))
        case (_, Self.ecdsaWithSHA256):
            return ecdsa(signature, SHA256.hash(data: message))
        case (_, Self.ecdsaWithSHA384):
            return ecdsa(signature, SHA384.hash(data: message))
        case (_, Self.ecdsaWithSHA512):
            return ecdsa(signature, SHA512.hash(data: message))
        default:
            return false
        }
    }

    private static func rsa(_ key: _RSA.Signing.PublicKey, _ signature: [UInt8], _ digest: some Digest) -> Bool {
        key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: .insecurePKCS1v1_5)
    }

    /// ECDSA over `digest` (verified as given, truncated to the curve's size, whichever hash produced it).
    private func ecdsa(_ signature: [UInt8], _ digest: some Digest) -> Bool {
        switch self {
        case .rsa:
            return false
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: digest)
        case .p384(let key):
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: digest)
        case .p521(let key):
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: digest)
        }
    }
}
