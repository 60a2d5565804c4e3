extension IAMQuotas {
    /// OpenID Connect providers per account (`OpenIdConnectProvidersPerAccount`).
    public static let openIDConnectProviders = 100
    /// SAML providers per account (`SAMLProvidersPerAccount`).
    public static let samlProviders = 100
    /// Client IDs (audiences) per OIDC provider (`ClientIdsPerOpenIdConnectProvider`).
    public static let clientIDsPerOIDCProvider = 100
    /// Thumbprints per OIDC provider.
    public static let thumbprintsPerOIDCProvider = 5
    /// Private keys per SAML provider.
    public static let privateKeysPerSAMLProvider = 2
}
