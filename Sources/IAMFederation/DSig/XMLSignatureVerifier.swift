/// Verifies an enveloped XML signature (XML-DSig) over one element, the way SAML uses them: the
/// `ds:Signature` is a direct child of the signed element, has exactly one `Reference` whose URI is
/// `#` + the element's `ID`, and the only transforms are enveloped-signature and exclusive
/// canonicalization. Keys come from the caller (the IdP's metadata), never from the signature's
/// own `KeyInfo`. What was verified is the element passed in, so the caller reads its data from
/// that same element (no signature-wrapping).
public enum XMLSignatureVerifier {
    public static let dsigNamespace = "http://www.w3.org/2000/09/xmldsig#"
    static let excC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
    static let excC14NWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
    static let envelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

    static let digestMethods: [String: FederationHash] = [
        "http://www.w3.org/2000/09/xmldsig#sha1": .sha1,
        "http://www.w3.org/2001/04/xmlenc#sha256": .sha256,
        "http://www.w3.org/2001/04/xmldsig-more#sha384": .sha384,
        "http://www.w3.org/2001/04/xmlenc#sha512": .sha512,
    ]
    static let signatureMethods: [String: (hash: FederationHash, rsa: Bool)] = [
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1": (.sha1, true),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": (.sha256, true),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": (.sha384, true),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": (.sha512, true),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": (.sha256, false),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": (.sha384, false),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": (.sha512, false),
    ]

    /// Why a signature was refused (for logs and tests; callers answer with one AWS message).
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The `ds:Signature` children of `element` (a signed SAML element has at most one).
    public static func signatures(of element: XMLTreeElement) -> [XMLTreeElement] {
        element.children("Signature", in: dsigNamespace)
    }

    public static func verifyEnveloped(_ signature: XMLTreeElement, over signed: XMLTreeElement,
                                       keys: [FederationPublicKey]) throws(Failure) {
        guard let id = signed.attribute("ID"), !id.isEmpty else { throw Failure(reason: "the signed element has no ID") }
        let parts = signature.childElements
        guard let signedInfo = parts.first, signedInfo.name.is("SignedInfo", in: dsigNamespace),
              parts.filter({ $0.name.is("SignedInfo", in: dsigNamespace) }).count == 1 else {
            throw Failure(reason: "the signature must start with exactly one SignedInfo")
        }
        let values = signature.children("SignatureValue", in: dsigNamespace)
        guard values.count == 1, let signatureValue = Base64Text.decode(values[0].text) else {
            throw Failure(reason: "the signature needs exactly one base64 SignatureValue")
        }
        let info = signedInfo.childElements
        guard info.count >= 3, info[0].name.is("CanonicalizationMethod", in: dsigNamespace),
              info[1].name.is("SignatureMethod", in: dsigNamespace),
              info.dropFirst(2).allSatisfy({ $0.name.is("Reference", in: dsigNamespace) }) else {
            throw Failure(reason: "SignedInfo must hold CanonicalizationMethod, SignatureMethod and References")
        }
        guard info.count == 3 else { throw Failure(reason: "exactly one Reference is accepted") }
        let signedInfoCanonicalizer = try canonicalizer(for: info[0])
        guard let method = info[1].attribute("Algorithm").flatMap({ signatureMethods[$0] }) else {
            throw Failure(reason: "unsupported signature method")
        }

        let reference = info[2]
        guard reference.attribute("URI") == "#\(id)" else {
            throw Failure(reason: "the Reference does not point at the signed element")
        }
        var enveloped = false
        var referenceCanonicalizer: ExclusiveCanonicalizer?
        let transforms = reference.children("Transforms", in: dsigNamespace)
        guard transforms.count <= 1 else { throw Failure(reason: "more than one Transforms element") }
        for transform in transforms.first?.childElements ?? [] {
            guard transform.name.is("Transform", in: dsigNamespace), referenceCanonicalizer == nil else {
                throw Failure(reason: "unexpected transform")
            }
            if transform.attribute("Algorithm") == envelopedSignature, !enveloped {
                enveloped = true
            } else {
                referenceCanonicalizer = try canonicalizer(for: transform)
            }
        }
        guard var canonicalizer = referenceCanonicalizer else {
            throw Failure(reason: "the Reference must end with exclusive canonicalization")
        }
        // A same-document reference by ID never includes comments.
        canonicalizer.withComments = false
        let digests = reference.children("DigestMethod", in: dsigNamespace)
        let digestValues = reference.children("DigestValue", in: dsigNamespace)
        guard digests.count == 1, let hash = digests[0].attribute("Algorithm").flatMap({ digestMethods[$0] }) else {
            throw Failure(reason: "unsupported or missing digest method")
        }
        guard digestValues.count == 1, let expected = Base64Text.decode(digestValues[0].text) else {
            throw Failure(reason: "missing or malformed DigestValue")
        }
        let content = canonicalizer.canonicalize(signed, excluding: enveloped ? signature.order : nil)
        guard constantTimeEquals(hash.digest(content), expected) else {
            throw Failure(reason: "the digest of the signed element does not match")
        }
        let canonicalSignedInfo = signedInfoCanonicalizer.canonicalize(signedInfo)
        let usable = keys.filter { $0.isRSA == method.rsa }
        guard usable.contains(where: { $0.isValidSignature(signatureValue, over: canonicalSignedInfo, hash: method.hash) }) else {
            throw Failure(reason: "the signature value does not verify with any of the IdP's keys")
        }
    }

    static func canonicalizer(for method: XMLTreeElement) throws(Failure) -> ExclusiveCanonicalizer {
        let algorithm = method.attribute("Algorithm")
        guard algorithm == excC14N || algorithm == excC14NWithComments else {
            throw Failure(reason: "only exclusive canonicalization is supported")
        }
        var prefixes: Set<String> = []
        for inclusive in method.children("InclusiveNamespaces", in: excC14N) {
            for prefix in (inclusive.attribute("PrefixList") ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                prefixes.insert(String(prefix))
            }
        }
        return ExclusiveCanonicalizer(inclusivePrefixes: prefixes, withComments: algorithm == excC14NWithComments)
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
