/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`): finding a request's signature, verifying it,
/// and signing requests on the client side. Pure: time arrives as a parameter, and the caller
/// hashes the body and looks up the secret key.
///
/// Server-side use:
/// 1. ``parseAuthorization(_:)`` finds the access key ID and scope;
/// 2. the caller looks up the secret for `accessKeyID` (unknown → `InvalidClientTokenId`) and
///    may check the scope with ``checkScope(_:region:service:)``;
/// 3. ``verify(_:_:secretAccessKey:payloadSHA256:now:)`` checks time and signature.
public enum SigV4 {
    /// The only algorithm supported, `AWS4-HMAC-SHA256`.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The last element of every credential scope.
    public static let terminator = "aws4_request"
    /// The payload hash a client sends in `X-Amz-Content-Sha256` to leave the body unsigned.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// How far the request time may be from the server's time for header signatures, in seconds.
    public static let allowedClockSkew: Int64 = 15 * 60
    /// The longest lifetime a presigned URL may ask for, in seconds (7 days).
    public static let maximumExpires = 604_800

    /// The names of the presigned-URL query parameters.
    enum QueryParameter {
        static let algorithm = "X-Amz-Algorithm"
        static let credential = "X-Amz-Credential"
        static let date = "X-Amz-Date"
        static let expires = "X-Amz-Expires"
        static let signedHeaders = "X-Amz-SignedHeaders"
        static let securityToken = "X-Amz-Security-Token"
        static let signature = "X-Amz-Signature"
    }

    /// Lowercased header names SigV4 reads.
    enum Header {
        static let authorization = "authorization"
        static let amzDate = "x-amz-date"
        static let date = "date"
        static let host = "host"
        static let securityToken = "x-amz-security-token"
        static let contentSHA256 = "x-amz-content-sha256"
    }

    // MARK: Building blocks

    /// Building block, exposed for the vector tests: the canonical request of `request`, with the
    /// path normalized as AWS does for non-S3 services. `payloadSHA256` is used as given;
    /// `presigned` leaves `X-Amz-Signature` out of the canonical query.
    public static func canonicalRequest(
        _ request: SigV4Request, signedHeaders: [String], payloadSHA256: String, presigned: Bool
    ) -> String {
        canonicalRequest(
            request, signedHeaders: signedHeaders, payloadSHA256: payloadSHA256, presigned: presigned,
            normalizePath: true)
    }

    /// The canonical request; `normalizePath: false` keeps dot segments and repeated slashes (S3 style).
    static func canonicalRequest(
        _ request: SigV4Request, signedHeaders: [String], payloadSHA256: String, presigned: Bool, normalizePath: Bool
    ) -> String {
        [
            request.method,
            SigV4CanonicalPath.canonicalURI(request.path, normalize: normalizePath),
            SigV4CanonicalQuery.canonical(request.query, excludingSignature: presigned),
            SigV4CanonicalHeaders.block(request.headers, signedHeaders: signedHeaders),
            signedHeaders.joined(separator: ";"),
            payloadSHA256,
        ].joined(separator: "\n")
    }

    /// Building block: the string to sign: algorithm, `amzDate` (`20150830T123600Z`), `scope`
    /// (`20150830/us-east-1/iam/aws4_request`) and the hex SHA-256 of the canonical request.
    public static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
        [algorithm, amzDate, scope, sha256Hex(canonicalRequest.utf8)].joined(separator: "\n")
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        SigV4Hex.sha256(bytes)
    }

    /// The lowercase hex signature of a canonical request.
    static func signature(
        canonicalRequest: String, time: Int64, date: String, region: String, service: String,
        secretAccessKey: String
    ) -> String {
        signature(canonicalRequest: canonicalRequest, time: time, date: date, region: region, service: service,
                  key: SigV4SigningKey(secretAccessKey: secretAccessKey, date: date, region: region, service: service))
    }

    static func signature(
        canonicalRequest: String, time: Int64, date: String, region: String, service: String, key: SigV4SigningKey
    ) -> String {
        let scope = "\(date)/\(region)/\(service)/\(terminator)"
        let toSign = stringToSign(
            canonicalRequest: canonicalRequest, amzDate: SigV4Timestamp.basicISO8601(time), scope: scope)
        return key.signature(toSign)
    }

    /// The payload hash that goes into the canonical request: the `X-Amz-Content-Sha256` header
    /// when present (the client signed that), otherwise the hash of the received body.
    static func declaredPayloadHash(_ request: SigV4Request, received payloadSHA256: String) -> String {
        request.canonicalHeaderValue(Header.contentSHA256) ?? payloadSHA256
    }
}
