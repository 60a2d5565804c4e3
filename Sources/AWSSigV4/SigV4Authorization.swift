/// The signature a request carries, as found by ``SigV4/parseAuthorization(_:)``, either in the
/// `Authorization` header or in presigned-URL query parameters.
public struct SigV4Authorization: Sendable, Equatable {
    /// The access key ID from the credential scope (`AKIA…` or `ASIA…`).
    public var accessKeyID: String
    /// The `yyyymmdd` date from the credential scope.
    public var date: String
    /// The region from the credential scope, e.g. `us-east-1`.
    public var region: String
    /// The service from the credential scope, e.g. `iam` or `sts`.
    public var service: String
    /// The signed header names, ASCII-lowercased, in the order the client listed them.
    public var signedHeaders: [String]
    /// The signature as sent; a well-formed one is 64 lowercase hex digits.
    public var signature: String
    /// The request time in epoch seconds, from `X-Amz-Date` (or the `Date` header), or from the
    /// presigned `X-Amz-Date` query parameter.
    public var requestTime: Int64
    /// Whether the signature came from presigned query parameters rather than the `Authorization` header.
    public var isPresigned: Bool
    /// The presigned `X-Amz-Expires` value in seconds, when given.
    public var expiresSeconds: Int?
    /// The `X-Amz-Security-Token` header or query parameter, when given.
    public var securityToken: String?

    /// Creates an authorization from its parts (normally obtained from ``SigV4/parseAuthorization(_:)``).
    public init(
        accessKeyID: String, date: String, region: String, service: String, signedHeaders: [String],
        signature: String, requestTime: Int64, isPresigned: Bool, expiresSeconds: Int? = nil,
        securityToken: String? = nil
    ) {
        self.accessKeyID = accessKeyID
        self.date = date
        self.region = region
        self.service = service
        self.signedHeaders = signedHeaders
        self.signature = signature
        self.requestTime = requestTime
        self.isPresigned = isPresigned
        self.expiresSeconds = expiresSeconds
        self.securityToken = securityToken
    }

    /// The credential scope `date/region/service/aws4_request` that appears in the string to sign.
    public var scope: String { "\(date)/\(region)/\(service)/\(SigV4.terminator)" }
}
