import SwiftASN1

/// Looks inside DER that swift-certificates refused, to tell a well-formed certificate that uses something IAM does not
/// support (an RSA key under 2048 bits, a DSA or Ed448 key, a curve other than P-256/P-384/P-521, an MD5 or RSA-PSS
/// signature) from bytes that are not a certificate at all.
///
/// It walks the generic ASN.1 tree only as far as the RFC 5280 §4.1 skeleton: `Certificate ::= SEQUENCE {
/// tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }` with `tbsCertificate ::= SEQUENCE { [0] version
/// OPTIONAL, serialNumber INTEGER, signature, issuer, validity, subject, subjectPublicKeyInfo, ... }`.
enum SigningCertificateProbe {
    /// The OIDs of RFC 5480 named curves swift-certificates loads.
    static let supportedCurves: [ASN1ObjectIdentifier] = [
        .NamedCurves.secp256r1, .NamedCurves.secp384r1, .NamedCurves.secp521r1,
    ]
    /// `id-Ed25519` (RFC 8410).
    static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
    /// The signature algorithms swift-certificates can represent: sha1/256/384/512WithRSAEncryption (RFC 8017),
    /// ecdsa-with-SHA256/384/512 (RFC 5758) and Ed25519.
    static let supportedSignatures: [ASN1ObjectIdentifier] = [
        [1, 2, 840, 113_549, 1, 1, 5], [1, 2, 840, 113_549, 1, 1, 11], [1, 2, 840, 113_549, 1, 1, 12],
        [1, 2, 840, 113_549, 1, 1, 13], [1, 2, 840, 10_045, 4, 3, 2], [1, 2, 840, 10_045, 4, 3, 3],
        [1, 2, 840, 10_045, 4, 3, 4], ed25519,
    ]

    /// A message naming the unsupported feature, or nil if `der` does not have the shape of a certificate or nothing
    /// unsupported was found in it (then it is malformed).
    static func unsupportedFeature(in der: [UInt8]) -> String? {
        guard let root = try? DER.parse(der), let parts = root.sequenceElements, parts.count == 3,
            let tbs = parts[0].sequenceElements, let outerSignature = algorithm(of: parts[1]),
            parts[2].identifier == .bitString
        else { return nil }
        var fields = tbs[...]
        if let first = fields.first, first.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            fields = fields.dropFirst()
        }
        guard fields.count >= 6, fields[fields.startIndex].identifier == .integer,
            let spki = fields[fields.startIndex + 5].sequenceElements, spki.count == 2,
            let keyAlgorithm = spki[0].sequenceElements, let keyOID = oid(keyAlgorithm.first),
            let keyBits = try? ASN1BitString(derEncoded: spki[1])
        else { return nil }
        if let problem = keyProblem(oid: keyOID, parameters: keyAlgorithm.dropFirst().first, key: keyBits) {
            return problem
        }
        if !supportedSignatures.contains(outerSignature) {
            return "the certificate signature algorithm `\(outerSignature)` is not supported"
        }
        return nil
    }

    private static func keyProblem(oid: ASN1ObjectIdentifier, parameters: ASN1Node?, key: ASN1BitString) -> String? {
        switch oid {
        case .AlgorithmIdentifier.rsaEncryption:
            guard let numbers = RSAPublicNumbers(pkcs1DER: key.bytes) else { return nil }
            let bits = numbers.modulusBits
            guard bits < RSAPublicNumbers.minimumModulusBits else { return nil }
            return "the certificate RSA key is \(bits) bits; at least \(RSAPublicNumbers.minimumModulusBits) are required"
        case .AlgorithmIdentifier.idEcPublicKey:
            guard let curve = self.oid(parameters), !supportedCurves.contains(curve) else { return nil }
            return "the certificate EC key uses curve `\(curve)`; only P-256, P-384 and P-521 are supported"
        case Self.ed25519:
            return nil
        default:
            return "the certificate key algorithm `\(oid)` is not supported; only RSA and EC keys are"
        }
    }

    /// The OID of an `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
    private static func algorithm(of node: ASN1Node) -> ASN1ObjectIdentifier? {
        node.sequenceElements.flatMap { oid($0.first) }
    }

    private static func oid(_ node: ASN1Node?) -> ASN1ObjectIdentifier? {
        node.flatMap { try? ASN1ObjectIdentifier(derEncoded: $0) }
    }
}
