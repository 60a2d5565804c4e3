/// Checks what UploadServerCertificate receives: the certificate body, its private key and the optional chain.
///
/// In order: the body must be one PEM `CERTIFICATE` block that parses as X.509, with an RSA key of 1024 to 4096 bits or
/// an EC key on P-256 or P-384, valid at `now`; the private key must be one unencrypted RSA or EC key block and be the
/// certificate's key; the chain, when given, must be PEM certificates, each the issuer of the one before it (the first
/// issued the body): the issuer name must be the next certificate's subject and the signature must verify with its key
/// whenever the key and the signature algorithm are ones swift-crypto checks (RSA PKCS#1 v1.5 and ECDSA, SHA-1 to
/// SHA-512). The chain may stop short of the root. Explanatory text around PEM blocks is ignored.
public enum ServerCertificateBundle {
    /// AWS's message for a body that does not parse (as IAM answers it).
    public static let unparseableBody = "Unable to parse certificate. Please ensure the certificate is in PEM format."
    static let label = "CERTIFICATE"

    public static func check(body: String, privateKey: String, chain: String?, now: Int64)
        -> Result<ServerCertificateInfo, ServerCertificateError>
    {
        let leaf: X509Fields
        switch certificates(in: body) {
        case .some(let found) where found.count == 1: leaf = found[0]
        default: return .failure(.malformed(unparseableBody))
        }
        guard let leafKey = CertificateKey(leaf), leafKey.isAcceptedForServerCertificates else {
            return .failure(.malformed(
                "The certificate's public key is not supported. Use an RSA key of 1024 to 4096 bits or an EC key on the "
                    + "P-256 or P-384 curve."))
        }
        guard now >= leaf.notValidBefore else {
            return .failure(.malformed("The certificate is not yet valid: it is valid from \(timestamp(leaf.notValidBefore))."))
        }
        guard now <= leaf.notValidAfter else {
            return .failure(.malformed("The certificate has expired: it was valid until \(timestamp(leaf.notValidAfter))."))
        }
        guard let key = ServerPrivateKey(pem: privateKey) else {
            return .failure(.malformed(
                "Unable to parse private key. Please ensure the private key is in PEM format and not encrypted."))
        }
        guard key.publicKeyBytes == leafKey.canonicalBytes else {
            return .failure(.keyPairMismatch("The public key certificate and the private key do not match."))
        }
        var normalizedChain: String?
        if let chain {
            switch link(leaf, chain: chain) {
            case .failure(let error): return .failure(error)
            case .success(let members): normalizedChain = members.map { pem($0.der) }.joined(separator: "\n")
            }
        }
        return .success(ServerCertificateInfo(
            normalizedBody: pem(leaf.der), normalizedChain: normalizedChain,
            normalizedPrivateKey: key.normalizedPEM, notValidBefore: leaf.notValidBefore,
            notValidAfter: leaf.notValidAfter))
    }

    /// AWS's message when the chain does not lead up from the body; `index` counts the body as 0, so the chain's first
    /// certificate is 1.
    public static func chainMessage(index: Int) -> String {
        "Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, "
            + "followed by any intermediaries in order. The index within the chain of the invalid certificate is: \(index)"
    }

    /// The chain's certificates, each checked as the issuer of the one before it.
    static func link(_ leaf: X509Fields, chain: String) -> Result<[X509Fields], ServerCertificateError> {
        guard case .success(let blocks) = PEMArmor.blocks(in: chain), !blocks.isEmpty else {
            return .failure(.malformed(chainMessage(index: 1)))
        }
        var members: [X509Fields] = []
        var previous = leaf
        for (offset, block) in blocks.enumerated() {
            guard block.label == label, let issuer = X509Fields(der: block.der), issues(previous, by: issuer) else {
                return .failure(.malformed(chainMessage(index: offset + 1)))
            }
            members.append(issuer)
            previous = issuer
        }
        return .success(members)
    }

    /// Whether `issuer` issued `certificate`: names match and, when checkable, the signature verifies.
    static func issues(_ certificate: X509Fields, by issuer: X509Fields) -> Bool {
        guard certificate.issuer == issuer.subject else { return false }
        guard let key = CertificateKey(issuer), key.canVerify(certificate.signatureAlgorithm) else { return true }
        return key.verifies(certificate.signature, over: certificate.signedBytes, algorithm: certificate.signatureAlgorithm)
    }

    /// Every PEM block of `text` as a certificate; nil when a block is not a `CERTIFICATE` that parses.
    static func certificates(in text: String) -> [X509Fields]? {
        guard case .success(let blocks) = PEMArmor.blocks(in: text) else { return nil }
        var found: [X509Fields] = []
        for block in blocks {
            guard block.label == label, let fields = X509Fields(der: block.der) else { return nil }
            found.append(fields)
        }
        return found
    }

    /// One PEM block without its final line break, the form IAM returns.
    static func pem(_ der: [UInt8]) -> String {
        var text = PEMArmor.encode(label: label, der: der)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// `2026-01-31T12:00:00Z`.
    static func timestamp(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        // civil_from_days (Howard Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
    }
}
