/// How STS refuses a web identity token or a SAML response: the AWS error code (from botocore's STS
/// model), its HTTP status and AWS's message. Messages never quote the token or the assertion.
public struct FederationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// 400: the token or response could not be validated (signature, issuer, audience, format).
        case invalidIdentityToken = "InvalidIdentityToken"
        /// 400: the token or assertion has expired.
        case expiredToken = "ExpiredTokenException"
        /// 403: a claim was rejected.
        case idpRejectedClaim = "IDPRejectedClaim"
        /// 400: the identity provider could not be reached.
        case idpCommunicationError = "IDPCommunicationError"
    }

    public var code: Code
    public var message: String
    /// Why, in more detail than AWS says (for logs and tests; never sent on the wire).
    public var detail: String?

    public init(_ code: Code, _ message: String, detail: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var httpStatus: Int { code == .idpRejectedClaim ? 403 : 400 }

    /// Two refusals are the same when AWS would answer the same (the detail is diagnostics only).
    public static func == (a: Self, b: Self) -> Bool { a.code == b.code && a.message == b.message }

    public var description: String { "\(code.rawValue): \(message)" + (detail.map { " (\($0))" } ?? "") }

    static func invalid(_ message: String, detail: String? = nil) -> Self { .init(.invalidIdentityToken, message, detail: detail) }

    /// AWS's wording for tokens and assertions past their expiry.
    static func expired(now: Int64, expiry: Int64) -> Self {
        .init(.expiredToken, "Token expired: current date/time \(now) must be before the expiration date/time\(expiry)")
    }
}
