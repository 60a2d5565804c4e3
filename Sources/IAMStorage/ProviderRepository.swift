/// OpenID Connect and SAML identity providers.
public protocol ProviderRepository: Sendable {}
