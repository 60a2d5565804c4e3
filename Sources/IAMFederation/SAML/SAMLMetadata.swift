/// The parts of an IdP's SAML 2.0 metadata that IAM uses: the entity ID (the issuer its assertions
/// must name), its signing keys and when the metadata stops being valid.
public struct SAMLMetadata: Sendable {
    public static let metadataNamespace = "urn:oasis:names:tc:SAML:2.0:metadata"
    public static let protocolNamespace = "urn:oasis:names:tc:SAML:2.0:protocol"

    public var entityID: String
    /// DER of each signing certificate (`KeyDescriptor use="signing"` or without `use`).
    public var signingCertificates: [[UInt8]]
    public var signingKeys: [FederationPublicKey]
    /// `validUntil` of the EntityDescriptor, in epoch seconds, when present.
    public var validUntil: Int64?

    /// The limits of CreateSAMLProvider's `SAMLMetadataDocument` (characters).
    public static let documentLength = 1_000...10_000_000

    /// Why a document is not usable metadata (AWS answers every case with "Could not parse metadata.").
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Reads `document`: an `md:EntityDescriptor` with an `entityID`, an `IDPSSODescriptor` that
    /// supports the SAML 2.0 protocol, and at least one signing X.509 certificate with an RSA
    /// (2048 bits or more) or EC key.
    public static func parse(_ document: String) throws(Failure) -> SAMLMetadata {
        let tree: XMLTree
        do {
            tree = try XMLTreeParser.parse(document, limits: XMLTreeLimits(maximumBytes: 4 * documentLength.upperBound,
                                                                          maximumDepth: 64, maximumElements: 1_000_000,
                                                                          maximumAttributesPerElement: 256))
        } catch {
            throw Failure(reason: "not well-formed XML: \(error)")
        }
        let root = tree.root
        guard root.name.is("EntityDescriptor", in: metadataNamespace) else {
            throw Failure(reason: "the root element is not an md:EntityDescriptor")
        }
        guard let entityID = root.attribute("entityID"), !entityID.isEmpty, entityID.count <= 1_024 else {
            throw Failure(reason: "the EntityDescriptor has no entityID")
        }
        var validUntil: Int64?
        if let text = root.attribute("validUntil") {
            guard let seconds = XMLDateTime.epochSeconds(text) else { throw Failure(reason: "validUntil is not a dateTime") }
            validUntil = seconds
        }
        let idps = root.children("IDPSSODescriptor", in: metadataNamespace).filter {
            ($0.attribute("protocolSupportEnumeration") ?? "").split(separator: " ").contains { $0 == Substring(protocolNamespace) }
        }
        guard !idps.isEmpty else { throw Failure(reason: "there is no IDPSSODescriptor for SAML 2.0") }
        var certificates: [[UInt8]] = []
        var keys: [FederationPublicKey] = []
        for idp in idps {
            for descriptor in idp.children("KeyDescriptor", in: metadataNamespace) {
                let use = descriptor.attribute("use")
                guard use == nil || use == "signing" else { continue }
                for keyInfo in descriptor.children("KeyInfo", in: XMLSignatureVerifier.dsigNamespace) {
                    for data in keyInfo.children("X509Data", in: XMLSignatureVerifier.dsigNamespace) {
                        for certificate in data.children("X509Certificate", in: XMLSignatureVerifier.dsigNamespace) {
                            guard let der = Base64Text.decode(certificate.text) else {
                                throw Failure(reason: "an X509Certificate is not base64")
                            }
                            guard let key = FederationPublicKey(certificateDER: der) else {
                                throw Failure(reason: "an X509Certificate is not a usable RSA or EC certificate")
                            }
                            certificates.append(der)
                            keys.append(key)
                        }
                    }
                }
            }
        }
        guard !keys.isEmpty else { throw Failure(reason: "the IDPSSODescriptor has no signing certificate") }
        return SAMLMetadata(entityID: entityID, signingCertificates: certificates, signingKeys: keys, validUntil: validUntil)
    }
}
