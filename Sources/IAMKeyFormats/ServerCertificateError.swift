/// Why an UploadServerCertificate bundle was rejected. Each case names the AWS error code a service answers with; the
/// message never repeats the key or the certificates.
public enum ServerCertificateError: Error, Sendable, Equatable {
    /// AWS `MalformedCertificate` (400): the body, the private key or the chain does not parse, the body is expired or
    /// not yet valid, its key is of a kind IAM does not take, or the chain does not link.
    case malformed(String)
    /// AWS `KeyPairMismatch` (400): the private key is not the certificate's.
    case keyPairMismatch(String)

    /// The message, without the case.
    public var message: String {
        switch self {
        case .malformed(let message), .keyPairMismatch(let message): message
        }
    }
}
