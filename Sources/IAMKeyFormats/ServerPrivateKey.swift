import Crypto
import CryptoExtras
import SwiftASN1

/// An unencrypted private key uploaded with a server certificate: PKCS#1 (`RSA PRIVATE KEY`), SEC1 (`EC PRIVATE KEY`,
/// optionally after the `EC PARAMETERS` block `openssl ecparam -genkey` writes) or PKCS#8 (`PRIVATE KEY`). Encrypted
/// keys (`ENCRYPTED PRIVATE KEY`, or RFC 1421 `Proc-Type` headers) are refused: IAM needs the key in the clear.
struct ServerPrivateKey {
    /// The key block re-encoded as PEM (64-character lines), the form kept at rest.
    var normalizedPEM: String
    /// The public half, in ``CertificateKey/canonicalBytes`` form.
    var publicKeyBytes: [UInt8]

    static let labels: Set<String> = ["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"]
    static let ecParametersLabel = "EC PARAMETERS"

    /// Parses `text`; nil when it is not exactly one unencrypted RSA or EC private key block that loads.
    init?(pem text: String) {
        guard case .success(let blocks) = PEMArmor.blocks(in: text) else { return nil }
        let keys = blocks.filter { $0.label != Self.ecParametersLabel }
        guard keys.count == 1, let block = keys.first, Self.labels.contains(block.label) else { return nil }
        guard blocks.count == 1 || block.label == "EC PRIVATE KEY" else { return nil }
        let publicKey: [UInt8]?
        switch block.label {
        case "RSA PRIVATE KEY": publicKey = Self.rsaPublicKey(block.der)
        case "EC PRIVATE KEY": publicKey = Self.ecPublicKey(block.der)
        default: publicKey = Self.pkcs8PublicKey(block.der)
        }
        guard let publicKey else { return nil }
        normalizedPEM = PEMArmor.encode(label: block.label, der: block.der)
        publicKeyBytes = publicKey
    }

    static func rsaPublicKey(_ der: [UInt8]) -> [UInt8]? {
        guard let key = try? _RSA.Signing.PrivateKey(unsafeDERRepresentation: der) else { return nil }
        return [UInt8](key.publicKey.pkcs1DERRepresentation)
    }

    /// SEC1 or PKCS#8 EC keys on the NIST curves (the curve is whichever loads them).
    static func ecPublicKey(_ der: [UInt8]) -> [UInt8]? {
        if let key = try? P256.Signing.PrivateKey(derRepresentation: der) { return [UInt8](key.publicKey.x963Representation) }
        if let key = try? P384.Signing.PrivateKey(derRepresentation: der) { return [UInt8](key.publicKey.x963Representation) }
        if let key = try? P521.Signing.PrivateKey(derRepresentation: der) { return [UInt8](key.publicKey.x963Representation) }
        return nil
    }

    /// `PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET
    /// STRING, ... }` (RFC 5208): RSA and EC keys only.
    static func pkcs8PublicKey(_ der: [UInt8]) -> [UInt8]? {
        guard let root = try? DER.parse(der), let parts = root.sequenceElements, parts.count >= 3,
            let algorithm = X509Fields.algorithm(parts[1])
        else { return nil }
        switch algorithm {
        case .AlgorithmIdentifier.rsaEncryption: return rsaPublicKey(der)
        case .AlgorithmIdentifier.idEcPublicKey: return ecPublicKey(der)
        default: return nil
        }
    }
}
