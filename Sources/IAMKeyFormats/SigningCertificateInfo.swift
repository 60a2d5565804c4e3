/// What IAM keeps about an accepted X.509 signing certificate (UploadSigningCertificate).
public struct SigningCertificateInfo: Sendable, Equatable {
    /// The certificate re-encoded as a single PEM `CERTIFICATE` block with 64-character lines and a final line break;
    /// explanatory text around the block and the original line layout are dropped.
    public var normalizedPEM: String
    /// SHA-256 of the certificate's DER bytes, for the account-wide DuplicateCertificate check.
    public var derSHA256: [UInt8]
    /// The start of the validity period, in seconds since 1970-01-01T00:00:00Z.
    public var notValidBefore: Int64
    /// The end of the validity period (inclusive), in seconds since 1970-01-01T00:00:00Z.
    public var notValidAfter: Int64

    /// Creates the value; ``SigningCertificate/parse(_:now:)`` is the usual source.
    public init(normalizedPEM: String, derSHA256: [UInt8], notValidBefore: Int64, notValidAfter: Int64) {
        self.normalizedPEM = normalizedPEM
        self.derSHA256 = derSHA256
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
    }
}
