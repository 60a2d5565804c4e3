/// What a verified OpenID Connect ID token says, for AssumeRoleWithWebIdentity.
public struct WebIdentityClaims: Sendable, Equatable {
    /// `iss`, as in the token (`https://...`).
    public var issuer: String
    /// `sub` (SubjectFromWebIdentityToken).
    public var subject: String
    /// The `aud` value that is one of the provider's client IDs (the response's `Audience`).
    public var audience: String
    /// Every `aud` value.
    public var audiences: [String]
    public var expiresAt: Int64
    public var issuedAt: Int64?
    public var notBefore: Int64?
    /// `amr`, when present.
    public var authenticationMethods: [String]
    /// `azp`, when present.
    public var authorizedParty: String?
    /// `https://aws.amazon.com/source_identity`, when present.
    public var sourceIdentity: String?
    /// `https://aws.amazon.com/tags` → `principal_tags` (each key's first value), in document order.
    public var principalTags: [SessionTag]
    /// `https://aws.amazon.com/tags` → `transitive_tag_keys`.
    public var transitiveTagKeys: [String]
    /// Every claim whose value is a string or an array of strings.
    public var stringClaims: [String: [String]]

    public struct SessionTag: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// The condition keys a role's trust policy can test: `URL:aud`, `URL:sub` and `URL:amr`, where URL
    /// is the provider URL without its scheme (as IAM names the provider).
    public func conditionKeys(providerURL: String) -> [(key: String, values: [String])] {
        var keys: [(key: String, values: [String])] = [("\(providerURL):aud", [audience]), ("\(providerURL):sub", [subject])]
        if !authenticationMethods.isEmpty { keys.append(("\(providerURL):amr", authenticationMethods)) }
        if let authorizedParty { keys.append(("\(providerURL):azp", [authorizedParty])) }
        return keys
    }
}

/// The OIDC provider as IAM registered it: what a token is checked against.
public struct OIDCProviderTrust: Sendable {
    /// The URL without its scheme (`token.actions.githubusercontent.com`), as GetOpenIDConnectProvider shows it.
    public var url: String
    public var clientIDs: [String]
    /// `http` only for loopback issuers behind the test switch; `https` otherwise.
    public var scheme: String

    public init(url: String, clientIDs: [String], scheme: String = "https") {
        self.url = url
        self.clientIDs = clientIDs
        self.scheme = scheme
    }

    /// The `iss` its tokens carry.
    public var issuer: String { "\(scheme)://\(url)" }
}
