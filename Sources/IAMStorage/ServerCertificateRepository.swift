/// Server certificates.
public protocol ServerCertificateRepository: Sendable {}
