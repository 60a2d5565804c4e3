/// Why a signing certificate body was rejected. Each case names the AWS error code a service should answer with;
/// the associated message says what was wrong, never repeating the body itself.
public enum SigningCertificateError: Error, Sendable, Equatable {
    /// AWS `MalformedCertificate`: the body is empty or longer than 16,384 characters, is not PEM, is not exactly one
    /// `CERTIFICATE` block, its DER does not parse as an X.509 certificate, or it is expired or not yet valid at `now`
    /// (botocore: "the certificate was malformed or expired").
    case malformed(String)
    /// AWS `InvalidCertificate`: the certificate parses but cannot be used: its key is neither RSA (at least 2048 bits)
    /// nor EC (P-256, P-384, P-521), or its signature algorithm is unsupported.
    case invalid(String)

    /// The message, without the case.
    public var message: String {
        switch self {
        case .malformed(let message), .invalid(let message): message
        }
    }
}
