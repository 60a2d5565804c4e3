/// Checks a base64 SAML 2.0 `Response` for AssumeRoleWithSAML against the provider's metadata, at
/// `now` (epoch seconds; no clock here): it must be a successful response with exactly one
/// assertion, signed (the response, the assertion or both; every signature present must verify)
/// by a key of the metadata, issued by the metadata's entity, for the AWS sign-in audience, and
/// not expired. Everything returned is read from the signed element.
public struct SAMLResponseVerifier: Sendable {
    public static let assertionNamespace = "urn:oasis:names:tc:SAML:2.0:assertion"
    public static let awsSignIn = "https://signin.aws.amazon.com/saml"
    static let attributePrefix = "https://aws.amazon.com/SAML/Attributes/"
    static let bearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
    static let success = "urn:oasis:names:tc:SAML:2.0:status:Success"
    static let nameIDFormatPrefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:"
    /// The model's `SAMLAssertionType` maximum (characters of base64).
    public static let maximumLength = 100_000

    /// Audiences accepted besides AWS's sign-in endpoint and its regional forms.
    public var additionalAudiences: Set<String>
    /// How far ahead of `now` a `NotBefore` may be (the IdP's clock may run fast).
    public var clockSkew: Int64

    public init(additionalAudiences: Set<String> = ["urn:amazon:webservices"], clockSkew: Int64 = 300) {
        self.additionalAudiences = additionalAudiences
        self.clockSkew = clockSkew
    }

    static let malformed = "Invalid SAML response: it is not a base64-encoded SAML 2.0 Response."
    static let badSignature = "Response signature invalid"

    public func verify(samlResponse: String, metadata: SAMLMetadata, now: Int64) throws(FederationError) -> SAMLAssertionClaims {
        guard samlResponse.utf8.count <= Self.maximumLength, let bytes = Base64Text.decode(samlResponse) else {
            throw .invalid(Self.malformed, detail: "not base64")
        }
        let tree: XMLTree
        do {
            tree = try XMLTreeParser.parse(bytes: bytes, limits: XMLTreeLimits(maximumBytes: Self.maximumLength))
        } catch {
            throw .invalid(Self.malformed, detail: "\(error)")
        }
        let response = tree.root
        guard response.name.is("Response", in: SAMLMetadata.protocolNamespace) else {
            throw .invalid(Self.malformed, detail: "the root is not samlp:Response")
        }
        let status = response.firstChild("Status", in: SAMLMetadata.protocolNamespace)?
            .firstChild("StatusCode", in: SAMLMetadata.protocolNamespace)?.attribute("Value")
        guard status == Self.success else {
            throw .invalid("The SAML response does not report success.", detail: "status \(status ?? "missing")")
        }
        var ids: Set<String> = []
        for element in response.descendantsAndSelf() {
            if let id = element.attribute("ID"), !ids.insert(id).inserted {
                throw .invalid(Self.badSignature, detail: "the ID \(id) is used twice")
            }
        }
        guard response.children("EncryptedAssertion", in: Self.assertionNamespace).isEmpty else {
            throw .invalid("Encrypted SAML assertions are not supported.", detail: "EncryptedAssertion")
        }
        let assertions = response.children("Assertion", in: Self.assertionNamespace)
        guard assertions.count == 1 else {
            throw .invalid("The SAML response must contain exactly one assertion.", detail: "\(assertions.count) assertions")
        }
        let assertion = assertions[0]
        try checkSignatures(response: response, assertion: assertion, keys: metadata.signingKeys)

        let issuer = assertion.firstChild("Issuer", in: Self.assertionNamespace)?.text.trimmingSpaces
        guard let issuer, issuer == metadata.entityID else {
            throw .invalid("Issuer not present in specified provider", detail: "issuer \(issuer ?? "missing")")
        }
        var expiry: Int64?
        let conditions = assertion.children("Conditions", in: Self.assertionNamespace)
        guard conditions.count <= 1 else { throw .invalid(Self.malformed, detail: "several Conditions") }
        if let conditions = conditions.first {
            try checkWindow(conditions, now: now, expiry: &expiry)
            let restrictions = conditions.children("AudienceRestriction", in: Self.assertionNamespace)
            let satisfied = !restrictions.isEmpty && restrictions.allSatisfy { restriction in
                restriction.children("Audience", in: Self.assertionNamespace).contains { isAcceptedAudience($0.text.trimmingSpaces) }
            }
            guard satisfied else { throw .invalid("Response does not contain the required audience.") }
        } else {
            throw .invalid("Response does not contain the required audience.", detail: "no Conditions")
        }
        guard let subject = assertion.firstChild("Subject", in: Self.assertionNamespace) else {
            throw .invalid(Self.malformed, detail: "no Subject")
        }
        let recipient = try bearerRecipient(subject, now: now, expiry: &expiry)
        guard let expiry else { throw .invalid(Self.malformed, detail: "the assertion never expires (no NotOnOrAfter)") }
        guard let nameID = subject.firstChild("NameID", in: Self.assertionNamespace) else {
            throw .invalid(Self.malformed, detail: "no NameID")
        }
        let format = nameID.attribute("Format")
        let subjectType = format.map { $0.hasPrefix(Self.nameIDFormatPrefix) ? String($0.dropFirst(Self.nameIDFormatPrefix.count)) : $0 }
        var claims = SAMLAssertionClaims(
            subject: nameID.text.trimmingSpaces, subjectType: subjectType, issuer: issuer, audience: recipient, roles: [],
            roleSessionName: "", sessionDuration: nil, sessionNotOnOrAfter: nil, notOnOrAfter: expiry, sourceIdentity: nil,
            principalTags: [], transitiveTagKeys: [], attributes: [])
        for statement in assertion.children("AuthnStatement", in: Self.assertionNamespace) {
            if let text = statement.attribute("SessionNotOnOrAfter") {
                guard let seconds = XMLDateTime.epochSeconds(text) else { throw .invalid(Self.malformed, detail: "SessionNotOnOrAfter") }
                claims.sessionNotOnOrAfter = min(seconds, claims.sessionNotOnOrAfter ?? seconds)
            }
        }
        try SAMLAttributeReader.read(assertion, into: &claims)
        return claims
    }

    func checkSignatures(response: XMLTreeElement, assertion: XMLTreeElement, keys: [FederationPublicKey]) throws(FederationError) {
        let responseSignatures = XMLSignatureVerifier.signatures(of: response)
        let assertionSignatures = XMLSignatureVerifier.signatures(of: assertion)
        guard responseSignatures.count <= 1, assertionSignatures.count <= 1 else {
            throw .invalid(Self.badSignature, detail: "more than one signature on an element")
        }
        guard !responseSignatures.isEmpty || !assertionSignatures.isEmpty else {
            throw .invalid(Self.badSignature, detail: "neither the response nor the assertion is signed")
        }
        do {
            if let signature = responseSignatures.first {
                try XMLSignatureVerifier.verifyEnveloped(signature, over: response, keys: keys)
            }
            if let signature = assertionSignatures.first {
                try XMLSignatureVerifier.verifyEnveloped(signature, over: assertion, keys: keys)
            }
        } catch {
            throw .invalid(Self.badSignature, detail: error.reason)
        }
    }

    /// `NotBefore` / `NotOnOrAfter` of Conditions or SubjectConfirmationData.
    func checkWindow(_ element: XMLTreeElement, now: Int64, expiry: inout Int64?) throws(FederationError) {
        if let text = element.attribute("NotBefore") {
            guard let notBefore = XMLDateTime.epochSeconds(text) else { throw .invalid(Self.malformed, detail: "NotBefore") }
            guard now + clockSkew >= notBefore else {
                throw .invalid("The SAML assertion is not valid yet.", detail: "NotBefore \(notBefore)")
            }
        }
        if let text = element.attribute("NotOnOrAfter") {
            guard let notOnOrAfter = XMLDateTime.epochSeconds(text) else { throw .invalid(Self.malformed, detail: "NotOnOrAfter") }
            guard now < notOnOrAfter else { throw .expired(now: now, expiry: notOnOrAfter) }
            expiry = min(notOnOrAfter, expiry ?? notOnOrAfter)
        }
    }

    /// The Recipient of a bearer confirmation addressed to AWS that is still valid.
    func bearerRecipient(_ subject: XMLTreeElement, now: Int64, expiry: inout Int64?) throws(FederationError) -> String {
        let bearers = subject.children("SubjectConfirmation", in: Self.assertionNamespace).filter { $0.attribute("Method") == Self.bearer }
        guard !bearers.isEmpty else { throw .invalid(Self.malformed, detail: "no bearer SubjectConfirmation") }
        var lastError: FederationError?
        for bearer in bearers {
            guard let data = bearer.firstChild("SubjectConfirmationData", in: Self.assertionNamespace),
                  let recipient = data.attribute("Recipient"), isAcceptedAudience(recipient) else {
                lastError = .invalid("Response does not contain the required audience.", detail: "bearer Recipient")
                continue
            }
            var candidate = expiry
            do {
                try checkWindow(data, now: now, expiry: &candidate)
            } catch {
                lastError = error
                continue
            }
            expiry = candidate
            return recipient
        }
        throw lastError ?? .invalid(Self.malformed)
    }

    /// AWS's sign-in endpoint (global or regional) or one of `additionalAudiences`.
    public func isAcceptedAudience(_ value: String) -> Bool {
        if value == Self.awsSignIn || additionalAudiences.contains(value) { return true }
        guard value.hasPrefix("https://"), value.hasSuffix(".signin.aws.amazon.com/saml") else { return false }
        let region = value.dropFirst("https://".count).dropLast(".signin.aws.amazon.com/saml".count)
        return !region.isEmpty && region.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
