import SwiftASN1

extension SSHPublicKey {
    /// `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7), the encoding of `ssh-keygen -e -m PKCS8` and `openssl pkey -pubout`.
    static let spkiLabel = "PUBLIC KEY"
    /// PKCS#1 `RSAPublicKey` (RFC 8017 §A.1.1), the encoding of `ssh-keygen -e -m PEM`.
    static let pkcs1Label = "RSA PUBLIC KEY"

    /// Parses a body holding one PEM public key block and nothing else but blank lines. Any other block (a
    /// certificate, a private key) is an unrecognized encoding; so is an SPKI key whose algorithm is not rsaEncryption.
    static func parsePEM(_ body: String) -> Result<RSAPublicNumbers, SSHPublicKeyError> {
        let blocks: [PEMArmor.Block]
        switch PEMArmor.blocks(in: body, allowingText: false) {
        case .failure(let failure):
            if let label = failure.label, label != spkiLabel, label != pkcs1Label {
                return .failure(.unrecognizedEncoding(notAPublicKey(label)))
            }
            return .failure(.invalid(failure.description))
        case .success(let found):
            blocks = found
        }
        if let other = blocks.first(where: { $0.label != spkiLabel && $0.label != pkcs1Label }) {
            return .failure(.unrecognizedEncoding(notAPublicKey(other.label)))
        }
        guard blocks.count == 1, let block = blocks.first else {
            return .failure(.invalid("the body holds \(blocks.count) PEM blocks; upload exactly one key"))
        }
        if block.label == pkcs1Label {
            guard let numbers = RSAPublicNumbers(pkcs1DER: block.der[...]) else {
                return .failure(.invalid("the `\(pkcs1Label)` block is not a DER-encoded PKCS#1 RSA public key"))
            }
            return .success(numbers)
        }
        return numbers(fromSPKI: block.der)
    }

    /// Reads `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }` whose
    /// algorithm is rsaEncryption and whose key is a PKCS#1 `RSAPublicKey`.
    static func numbers(fromSPKI der: [UInt8]) -> Result<RSAPublicNumbers, SSHPublicKeyError> {
        guard let root = try? DER.parse(der), let fields = root.sequenceElements, fields.count == 2,
            let algorithm = fields[0].sequenceElements, let first = algorithm.first,
            let oid = try? ASN1ObjectIdentifier(derEncoded: first),
            let key = try? ASN1BitString(derEncoded: fields[1])
        else {
            return .failure(.invalid("the `\(spkiLabel)` block is not a DER-encoded SubjectPublicKeyInfo"))
        }
        guard oid == .AlgorithmIdentifier.rsaEncryption else {
            return .failure(.unrecognizedEncoding("the PEM key algorithm `\(oid)` is not RSA (`1.2.840.113549.1.1.1`)"))
        }
        guard key.paddingBits == 0, let numbers = RSAPublicNumbers(pkcs1DER: key.bytes) else {
            return .failure(.invalid("the `\(spkiLabel)` block does not hold a PKCS#1 RSA public key"))
        }
        return .success(numbers)
    }

    private static func notAPublicKey(_ label: String) -> String {
        let shown = label.unicodeScalars.count <= 40 ? "`\(label)`" : "with a long label"
        return "the PEM block \(shown) is not a public key; use `\(spkiLabel)` or `\(pkcs1Label)`"
    }
}
