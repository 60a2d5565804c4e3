/// Why a Query request could not be decoded: an AWS error code, its message and the HTTP status to answer with.
///
/// `MalformedQueryString` is raised for syntax problems in the form body or query string (percent-encoding, UTF-8,
/// parameter count or name length). `ValidationError` is raised for well-formed parameters whose values or list
/// numbering make no sense (a gap in `member.N`, `MaxItems=abc`). EC2 has no `ValidationError`; its layer answers
/// with ``ec2Equivalent`` (`InvalidParameterValue`) instead.
///
/// AWS's common-errors pages list `MalformedQueryString` with HTTP 404, which is a long-standing documentation
/// oddity; Warden answers 400 like every other client error of this kind.
public struct QueryDecodingError: Error, Sendable, Equatable {
    /// The AWS error code, such as `MalformedQueryString`, `ValidationError` or `InvalidParameterValue`.
    public var code: String
    /// The message shown to the client.
    public var message: String
    /// The HTTP status code of the error response.
    public var httpStatus: Int

    /// Creates an error with an AWS code, a message and an HTTP status (400 unless told).
    public init(code: String, message: String, httpStatus: Int = 400) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    /// The same error as EC2 reports it: `ValidationError` becomes `InvalidParameterValue`; other codes stay.
    public var ec2Equivalent: QueryDecodingError {
        guard code == "ValidationError" else { return self }
        return QueryDecodingError(code: "InvalidParameterValue", message: message, httpStatus: httpStatus)
    }

    /// A syntax error in the form body or query string.
    static func malformed(_ detail: String) -> QueryDecodingError {
        QueryDecodingError(code: "MalformedQueryString", message: "The query string contains a syntax error: \(detail)")
    }

    /// A well-formed parameter with an unacceptable value or list layout.
    static func validation(_ message: String) -> QueryDecodingError {
        QueryDecodingError(code: "ValidationError", message: message)
    }

    /// User input quoted in a message, cut to a readable length so a hostile 100 KB name is never echoed back.
    static func quoted(_ text: some StringProtocol) -> String {
        let limit = 64
        if text.count <= limit { return "'\(text)'" }
        return "'\(text.prefix(limit))...'"
    }
}
