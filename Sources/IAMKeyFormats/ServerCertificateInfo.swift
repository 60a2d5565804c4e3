/// What IAM keeps of an accepted server certificate bundle.
public struct ServerCertificateInfo: Sendable, Equatable {
    /// The certificate as one PEM block with 64-character lines (explanatory text dropped), no final line break.
    public var normalizedBody: String
    /// The chain's certificates, each normalized the same way, one after the other; nil when no chain was given.
    public var normalizedChain: String?
    /// The private key block, normalized the same way. A secret: seal it before storing it.
    public var normalizedPrivateKey: String
    /// The body's validity period, in seconds since 1970-01-01T00:00:00Z (both ends inclusive).
    public var notValidBefore: Int64
    public var notValidAfter: Int64

    public init(normalizedBody: String, normalizedChain: String?, normalizedPrivateKey: String, notValidBefore: Int64,
                notValidAfter: Int64) {
        self.normalizedBody = normalizedBody
        self.normalizedChain = normalizedChain
        self.normalizedPrivateKey = normalizedPrivateKey
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
    }
}
