/// The errors SigV4 verification produces, worded as AWS words them. User input echoed in a
/// message is cut to a bounded length, so a hostile header cannot produce a huge error response.
extension SigV4Error {
    static let signatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

    static let missingAuthenticationToken = SigV4Error(
        code: .missingAuthenticationToken, message: "Request is missing Authentication Token")

    static let signatureDoesNotMatch = SigV4Error(code: .signatureDoesNotMatch, message: signatureMismatchMessage)

    static let bothAuthorizationMechanisms = SigV4Error(
        code: .incompleteSignature,
        message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.")

    static let multipleAuthorizationHeaders = SigV4Error(
        code: .incompleteSignature, message: "Only one 'Authorization' header may be given.")

    static let hostNotSigned = SigV4Error(
        code: .signatureDoesNotMatch,
        message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")

    static let presignedRequestExpired = SigV4Error(code: .requestExpired, message: "Request has expired")

    static func unsupportedAlgorithm(_ algorithm: some StringProtocol) -> SigV4Error {
        SigV4Error(code: .incompleteSignature, message: "Unsupported AWS 'algorithm': '\(echo(algorithm))'.")
    }

    static func missingEqualSign(_ pair: some StringProtocol, header: String) -> SigV4Error {
        SigV4Error(
            code: .incompleteSignature,
            message: "'\(echo(pair))' not a valid key=value pair (missing equal-sign) in Authorization header: '\(echo(header))'")
    }

    static func duplicateParameter(_ name: String) -> SigV4Error {
        SigV4Error(code: .incompleteSignature, message: "Authorization contains the '\(name)' parameter more than once.")
    }

    /// `missing` lists the absent parts in AWS's order: Credential, Signature, SignedHeaders, date.
    static func incompleteHeader(missing: [String], algorithm: String) -> SigV4Error {
        let parts = missing.map { part in
            part == "Date"
                ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
                : "Authorization header requires '\(part)' parameter."
        }
        return SigV4Error(
            code: .incompleteSignature, message: (parts + ["Authorization=\(echo(algorithm))"]).joined(separator: " "))
    }

    static func incompleteQuery(missing: [String]) -> SigV4Error {
        let parts = missing.map { "AWS query-string parameters must include '\($0)'." }
        return SigV4Error(
            code: .incompleteSignature,
            message: (parts + ["Re-examine the query-string parameters."]).joined(separator: " "))
    }

    static func malformedDate(_ value: some StringProtocol) -> SigV4Error {
        SigV4Error(
            code: .incompleteSignature,
            message: "Date must be in ISO-8601 'basic format'. Got '\(echo(value))'. See http://en.wikipedia.org/wiki/ISO_8601")
    }

    static func malformedHTTPDate(_ value: some StringProtocol) -> SigV4Error {
        SigV4Error(
            code: .incompleteSignature,
            message: "Date must be in RFC 1123 format, e.g. 'Sun, 30 Aug 2015 12:36:00 GMT'. Got '\(echo(value))'.")
    }

    static func malformedCredential(_ value: some StringProtocol) -> SigV4Error {
        SigV4Error(
            code: .incompleteSignature,
            message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(echo(value))'")
    }

    static func invalidTerminator(_ value: some StringProtocol) -> SigV4Error {
        SigV4Error(
            code: .signatureDoesNotMatch,
            message: "Credential should be scoped with a valid terminator: 'aws4_request', not '\(echo(value))'.")
    }

    static func invalidRegion(_ value: some StringProtocol) -> SigV4Error {
        SigV4Error(
            code: .signatureDoesNotMatch, message: "Credential should be scoped to a valid region, not '\(echo(value))'.")
    }

    static func invalidService(expected: some StringProtocol) -> SigV4Error {
        SigV4Error(
            code: .signatureDoesNotMatch, message: "Credential should be scoped to correct service: '\(echo(expected))'.")
    }

    static func scopeDateMismatch(scopeDate: String, amzDate: String) -> SigV4Error {
        SigV4Error(
            code: .signatureDoesNotMatch,
            message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(echo(scopeDate))' != '\(amzDate.prefix(8))', from '\(amzDate)'.")
    }

    static func signatureExpired(requestTime: Int64, now: Int64) -> SigV4Error {
        let earliest = SigV4Timestamp.basicISO8601(SigV4Timestamp.adding(now, -SigV4.allowedClockSkew))
        return SigV4Error(
            code: .requestExpired,
            message: "Signature expired: \(SigV4Timestamp.basicISO8601(requestTime)) is now earlier than \(earliest) (\(SigV4Timestamp.basicISO8601(now)) - 15 min.)")
    }

    static func signatureNotYetCurrent(requestTime: Int64, now: Int64) -> SigV4Error {
        let latest = SigV4Timestamp.basicISO8601(SigV4Timestamp.adding(now, SigV4.allowedClockSkew))
        return SigV4Error(
            code: .requestExpired,
            message: "Signature not yet current: \(SigV4Timestamp.basicISO8601(requestTime)) is still later than \(latest) (\(SigV4Timestamp.basicISO8601(now)) + 15 min.)")
    }

    static let expiresNotANumber = SigV4Error(
        code: .invalidQueryParameter, message: "X-Amz-Expires should be a number")

    static let expiresNegative = SigV4Error(
        code: .invalidQueryParameter, message: "X-Amz-Expires must be non-negative")

    static let expiresZero = SigV4Error(
        code: .invalidQueryParameter, message: "X-Amz-Expires must be at least 1 second")

    static let expiresTooLarge = SigV4Error(
        code: .invalidQueryParameter, message: "X-Amz-Expires must be less than a week (in seconds) that is 604800")

    /// User input as echoed in a message: at most 128 characters.
    static func echo(_ value: some StringProtocol) -> String {
        let limit = 128
        let head = value.prefix(limit + 1)
        guard head.count > limit else { return String(head) }
        return String(head.prefix(limit)) + "..."
    }
}
