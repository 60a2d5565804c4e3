import IAMPolicy

/// Verifies an OpenID Connect ID token for AssumeRoleWithWebIdentity against the IAM provider it
/// names and the provider's keys, at `now` (epoch seconds; no clock and no I/O here): RS256/384/512
/// or ES256/384/512 signature by a key of the set, `iss` equal to the provider's URL, unexpired
/// `exp`, an `aud` among the provider's client IDs and a `sub`.
public struct WebIdentityVerifier: Sendable {
    /// How far ahead of `now` an `nbf` may be.
    public var clockSkew: Int64

    public init(clockSkew: Int64 = 300) { self.clockSkew = clockSkew }

    static let notAJWT = "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"
    static let noKey = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
    static let badSignature = "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request."
    static let algorithms: [String: (hash: FederationHash, rsa: Bool)] = [
        "RS256": (.sha256, true), "RS384": (.sha384, true), "RS512": (.sha512, true),
        "ES256": (.sha256, false), "ES384": (.sha384, false), "ES512": (.sha512, false),
    ]

    /// The `iss` of a token, unverified: to find the IAM provider and fetch its keys first.
    public static func unverifiedIssuer(of token: String) -> String? {
        JSONWebToken.unverifiedIssuer(token)
    }

    public func verify(token: String, provider: OIDCProviderTrust, keys: JSONWebKeySet, now: Int64) throws(FederationError) -> WebIdentityClaims {
        guard let jwt = JSONWebToken.parse(token) else { throw .invalid(Self.notAJWT, detail: "not a compact JWS") }
        guard let issuer = jwt.claims["iss"]?.stringValue else { throw .invalid(Self.notAJWT, detail: "no iss") }
        guard issuer == provider.issuer else {
            throw .invalid("No OpenIDConnect provider found in your account for \(issuer)")
        }
        guard jwt.header["crit"] == nil, let name = jwt.header["alg"]?.stringValue, let algorithm = Self.algorithms[name] else {
            throw .invalid(Self.notAJWT, detail: "unsupported alg")
        }
        let keyID = jwt.header["kid"]?.stringValue
        let candidates = keys.keys.filter { key in
            key.key.isRSA == algorithm.rsa && (keyID == nil || key.keyID == keyID) && (key.algorithm == nil || key.algorithm == name)
        }
        guard !candidates.isEmpty else { throw .invalid(Self.noKey, detail: "no key for kid \(keyID ?? "none")") }
        guard candidates.contains(where: { $0.key.isValidSignature(jwt.signature, over: jwt.signingInput, hash: algorithm.hash) }) else {
            throw .invalid(Self.badSignature, detail: "the signature does not verify")
        }

        let claims = jwt.claims
        func date(_ name: String) throws(FederationError) -> Int64? {
            guard let node = claims[name] else { return nil }
            guard let value = node.integerValue else {
                throw .invalid("Timestamps in the token must be formatted as either an integer or a long integer.", detail: name)
            }
            return value
        }
        guard let expiresAt = try date("exp") else { throw .invalid(Self.notAJWT, detail: "no exp") }
        let issuedAt = try date("iat")
        let notBefore = try date("nbf")
        guard now < expiresAt else { throw .expired(now: now, expiry: expiresAt) }
        if let notBefore, notBefore > now + clockSkew {
            throw .init(.idpRejectedClaim, "The identity provider's token is not valid yet (nbf).", detail: "nbf \(notBefore)")
        }
        guard let audiences = claims["aud"]?.stringValues, !audiences.isEmpty else {
            throw .invalid("Incorrect token audience", detail: "no aud")
        }
        guard let audience = audiences.first(where: { provider.clientIDs.contains($0) }) else {
            throw .invalid("Incorrect token audience")
        }
        guard let subject = claims["sub"]?.stringValue, !subject.isEmpty else {
            throw .init(.idpRejectedClaim, "The identity provider's token has no subject (sub).")
        }

        var result = WebIdentityClaims(
            issuer: issuer, subject: subject, audience: audience, audiences: audiences, expiresAt: expiresAt, issuedAt: issuedAt,
            notBefore: notBefore, authenticationMethods: claims["amr"]?.stringValues ?? [],
            authorizedParty: claims["azp"]?.stringValue, sourceIdentity: claims["https://aws.amazon.com/source_identity"]?.stringValue,
            principalTags: [], transitiveTagKeys: [], stringClaims: [:])
        if let tags = claims["https://aws.amazon.com/tags"] {
            for member in tags["principal_tags"]?.objectValue ?? [] {
                if let value = member.value.stringValues?.first { result.principalTags.append(.init(key: member.key, value: value)) }
            }
            result.transitiveTagKeys = tags["transitive_tag_keys"]?.stringValues ?? []
        }
        for member in claims.objectValue ?? [] {
            if let values = member.value.stringValues { result.stringClaims[member.key] = values }
        }
        return result
    }
}
