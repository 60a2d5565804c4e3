/// Where the verification keys of an OIDC issuer come from. Warden's is `HTTPJWKSFetcher`; tests
/// inject keys with `FixedJWKS`.
public protocol JWKSFetching: Sendable {
    /// The key set of `issuer` (the token's `iss`, e.g. `https://token.actions.githubusercontent.com`).
    func keySet(forIssuer issuer: String) async throws(FederationError) -> JSONWebKeySet
}

/// Keys known in advance, by issuer.
public struct FixedJWKS: JWKSFetching {
    public var sets: [String: JSONWebKeySet]

    public init(_ sets: [String: JSONWebKeySet]) { self.sets = sets }

    public func keySet(forIssuer issuer: String) async throws(FederationError) -> JSONWebKeySet {
        guard let set = sets[issuer] else { throw .invalid(WebIdentityVerifier.noKey, detail: "no keys for \(issuer)") }
        return set
    }
}
