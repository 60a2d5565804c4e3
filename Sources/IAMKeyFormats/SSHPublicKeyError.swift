/// Why an SSH public key body was rejected. Each case names the AWS error code a service should answer with; the
/// associated message says what was wrong, never repeating the key material.
public enum SSHPublicKeyError: Error, Sendable, Equatable {
    /// AWS `UnrecognizedPublicKeyEncoding`: the body is empty, or neither an OpenSSH `ssh-rsa` line nor a PEM RSA public
    /// key: other key types (`ssh-ed25519`, `ecdsa-sha2-*`, EC or Ed25519 PEM keys), private keys, RFC 4716 `SSH2`
    /// blocks, arbitrary text.
    case unrecognizedEncoding(String)
    /// AWS `InvalidPublicKey`: the encoding is recognised but the key is unusable: shorter than 2048 bits, a corrupted
    /// or truncated blob, bad base64 or DER, an even or out-of-range exponent, several keys in one body, or a body
    /// longer than 16,384 characters.
    case invalid(String)

    /// The message, without the case.
    public var message: String {
        switch self {
        case .unrecognizedEncoding(let message), .invalid(let message): message
        }
    }
}
