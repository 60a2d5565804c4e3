import Crypto

/// The SigV4 signing key, `HMAC("AWS4" + secret, date) → region → service → "aws4_request"`,
/// and the HMAC-SHA256 signature it produces.
/// Derived once per (secret, date, region, service), it can be kept and reused: a server caches it
/// per access key to skip four HMACs on every request.
public struct SigV4SigningKey: Sendable {
    private let key: SymmetricKey

    public init(secretAccessKey: String, date: String, region: String, service: String) {
        var bytes = Self.hmac(key: Array(("AWS4" + secretAccessKey).utf8), message: date)
        bytes = Self.hmac(key: bytes, message: region)
        bytes = Self.hmac(key: bytes, message: service)
        bytes = Self.hmac(key: bytes, message: SigV4.terminator)
        key = SymmetricKey(data: bytes)
    }

    /// The lowercase hex signature of `stringToSign`.
    func signature(_ stringToSign: String) -> String {
        SigV4Hex.encode(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    private static func hmac(key: [UInt8], message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
    }
}
