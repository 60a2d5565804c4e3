public import IAMModel

/// OpenID Connect and SAML identity providers.
public protocol ProviderRepository: Sendable {
    /// Adds the provider unless the account already has `quota` OIDC providers (`conflict("quota")`)
    /// or one with the same URL (`conflict("oidc-url")`).
    func createOIDCProvider(_ provider: IAMOIDCProvider, quota: Int) async throws
    /// The provider whose URL (without scheme) is `url`, exactly.
    func oidcProvider(accountID: String, url: String) async throws -> IAMOIDCProvider?
    /// The account's OIDC providers, ordered by URL.
    func oidcProviders(accountID: String) async throws -> [IAMOIDCProvider]
    /// Adds a client ID unless it is there already; `conflict("quota")` when the provider has `quota`.
    func addOIDCClientID(providerID: String, clientID: String, quota: Int) async throws
    /// Removes a client ID if it is there.
    func removeOIDCClientID(providerID: String, clientID: String) async throws
    func setOIDCThumbprints(providerID: String, thumbprints: [String]) async throws
    func setOIDCProviderTags(providerID: String, tags: [IAMTag]) async throws
    func deleteOIDCProvider(id: String) async throws

    /// Adds the provider unless the account has `quota` SAML providers (`conflict("quota")`) or one
    /// with the same name, compared case-insensitively (`conflict("saml-name")`).
    func createSAMLProvider(_ provider: IAMSAMLProvider, quota: Int) async throws
    /// The provider named `name` (case-insensitively).
    func samlProvider(accountID: String, name: String) async throws -> IAMSAMLProvider?
    /// The account's SAML providers, ordered by name.
    func samlProviders(accountID: String) async throws -> [IAMSAMLProvider]
    /// Replaces the metadata, validity, encryption mode and private keys of the provider `provider.id`.
    func updateSAMLProvider(_ provider: IAMSAMLProvider) async throws
    func setSAMLProviderTags(providerID: String, tags: [IAMTag]) async throws
    func deleteSAMLProvider(id: String) async throws

    /// OIDC plus SAML providers of the account (GetAccountSummary `Providers`).
    func providerCount(accountID: String) async throws -> Int
}
