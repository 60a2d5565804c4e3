extension SigV4 {
    /// Finds the signature in the Authorization header ("AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...")
    /// or in presigned query parameters (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature).
    /// Neither present → .missingAuthenticationToken. Malformed → .incompleteSignature with AWS-like message.
    ///
    /// Also fails with `.signatureDoesNotMatch` when the credential scope does not end in
    /// `aws4_request`, with `.invalidQueryParameter` when `X-Amz-Expires` is not a number, and with
    /// `.incompleteSignature` when both forms are present at once.
    public static func parseAuthorization(_ request: SigV4Request) -> Result<SigV4Authorization, SigV4Error> {
        let authorizationHeaders = request.headerValues(Header.authorization)
        let query = SigV4CanonicalQuery.stringParameters(request.query)
        let presignedNames: Set = [QueryParameter.algorithm, QueryParameter.credential, QueryParameter.signature]
        let hasQuerySignature = query.contains { presignedNames.contains($0.name) }
        switch (authorizationHeaders.count, hasQuerySignature) {
        case (0, false): return .failure(.missingAuthenticationToken)
        case (0, true): return parsePresigned(request, query: query)
        case (1, false): return parseHeader(authorizationHeaders[0], request: request)
        case (_, true): return .failure(.bothAuthorizationMechanisms)
        default: return .failure(.multipleAuthorizationHeaders)
        }
    }

    // MARK: Authorization header

    private static func parseHeader(_ header: String, request: SigV4Request) -> Result<SigV4Authorization, SigV4Error> {
        let trimmed = SigV4CanonicalHeaders.normalizedValue(header)
        let algorithmEnd = trimmed.firstIndex(of: " ") ?? trimmed.endIndex
        let algorithmName = trimmed[..<algorithmEnd]
        guard algorithmName == algorithm else { return .failure(.unsupportedAlgorithm(algorithmName)) }

        var fields: [String: String] = [:]
        for pair in trimmed[algorithmEnd...].split(separator: ",") {
            let pair = pair.drop(while: { $0 == " " })
            guard !pair.isEmpty else { continue }
            guard let equals = pair.firstIndex(of: "=") else { return .failure(.missingEqualSign(pair, header: trimmed)) }
            let key = trimmingSpaces(pair[..<equals])
            guard ["Credential", "SignedHeaders", "Signature"].contains(key) else { continue }
            guard fields[key] == nil else { return .failure(.duplicateParameter(key)) }
            fields[key] = trimmingSpaces(pair[pair.index(after: equals)...])
        }

        let dateHeader = request.canonicalHeaderValue(Header.amzDate)
        let httpDateHeader = dateHeader == nil ? request.canonicalHeaderValue(Header.date) : nil
        var missing = ["Credential", "Signature", "SignedHeaders"].filter { fields[$0] == nil }
        if dateHeader == nil && httpDateHeader == nil { missing.append("Date") }
        guard missing.isEmpty, let credential = fields["Credential"], let signature = fields["Signature"],
            let signedHeaders = fields["SignedHeaders"]
        else { return .failure(.incompleteHeader(missing: missing, algorithm: algorithm)) }

        let requestTime: Int64
        if let dateHeader {
            guard let time = SigV4Timestamp.parseBasicISO8601(dateHeader) else { return .failure(.malformedDate(dateHeader)) }
            requestTime = time
        } else if let httpDateHeader {
            guard let time = SigV4Timestamp.parseHTTPDate(httpDateHeader) else {
                return .failure(.malformedHTTPDate(httpDateHeader))
            }
            requestTime = time
        } else {
            return .failure(.incompleteHeader(missing: ["Date"], algorithm: algorithm))
        }

        return parseCredential(credential).map { scope in
            SigV4Authorization(
                accessKeyID: scope.accessKeyID, date: scope.date, region: scope.region, service: scope.service,
                signedHeaders: splitSignedHeaders(signedHeaders), signature: signature, requestTime: requestTime,
                isPresigned: false, expiresSeconds: nil,
                securityToken: request.canonicalHeaderValue(Header.securityToken))
        }
    }

    // MARK: Presigned query

    private static func parsePresigned(
        _ request: SigV4Request, query: [(name: String, value: String)]
    ) -> Result<SigV4Authorization, SigV4Error> {
        var values: [String: String] = [:]
        let known: Set = [
            QueryParameter.algorithm, QueryParameter.credential, QueryParameter.date, QueryParameter.expires,
            QueryParameter.signedHeaders, QueryParameter.securityToken, QueryParameter.signature,
        ]
        for parameter in query where known.contains(parameter.name) {
            guard values[parameter.name] == nil else { return .failure(.duplicateParameter(parameter.name)) }
            values[parameter.name] = parameter.value
        }
        let required = [
            QueryParameter.algorithm, QueryParameter.credential, QueryParameter.signature,
            QueryParameter.signedHeaders, QueryParameter.date,
        ]
        let missing = required.filter { values[$0]?.isEmpty ?? true }
        guard missing.isEmpty, let algorithmName = values[QueryParameter.algorithm],
            let credential = values[QueryParameter.credential], let signature = values[QueryParameter.signature],
            let signedHeaders = values[QueryParameter.signedHeaders], let date = values[QueryParameter.date]
        else { return .failure(.incompleteQuery(missing: missing)) }

        guard algorithmName == algorithm else { return .failure(.unsupportedAlgorithm(algorithmName)) }
        guard let requestTime = SigV4Timestamp.parseBasicISO8601(date) else { return .failure(.malformedDate(date)) }

        var expires: Int?
        if let text = values[QueryParameter.expires] {
            switch parseExpires(text) {
            case .success(let seconds): expires = seconds
            case .failure(let error): return .failure(error)
            }
        }

        let token = values[QueryParameter.securityToken] ?? request.canonicalHeaderValue(Header.securityToken)
        return parseCredential(credential).map { scope in
            SigV4Authorization(
                accessKeyID: scope.accessKeyID, date: scope.date, region: scope.region, service: scope.service,
                signedHeaders: splitSignedHeaders(signedHeaders), signature: signature, requestTime: requestTime,
                isPresigned: true, expiresSeconds: expires, securityToken: token)
        }
    }

    /// An optional `-` and 1–18 digits; the range check happens in `verify`.
    private static func parseExpires(_ text: String) -> Result<Int, SigV4Error> {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return .failure(.expiresNotANumber)
        }
        guard digits.utf8.count <= 18, let magnitude = Int(digits) else {
            return .failure(text.hasPrefix("-") ? .expiresNegative : .expiresTooLarge)
        }
        return .success(text.hasPrefix("-") ? -magnitude : magnitude)
    }

    // MARK: Shared pieces

    private struct CredentialScope {
        var accessKeyID: String
        var date: String
        var region: String
        var service: String
    }

    /// `AKID/yyyymmdd/region/service/aws4_request`.
    private static func parseCredential(_ credential: String) -> Result<CredentialScope, SigV4Error> {
        let parts = credential.split(separator: "/", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 5, parts.allSatisfy({ !$0.isEmpty }) else { return .failure(.malformedCredential(credential)) }
        guard parts[4] == Substring(terminator) else { return .failure(.invalidTerminator(parts[4])) }
        return .success(
            CredentialScope(
                accessKeyID: String(parts[0]), date: String(parts[1]), region: String(parts[2]),
                service: String(parts[3])))
    }

    private static func trimmingSpaces(_ text: Substring) -> String {
        let start = text.drop(while: { $0 == " " })
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)] == " " { end = start.index(before: end) }
        return String(start[..<end])
    }

    private static func splitSignedHeaders(_ list: String) -> [String] {
        list.split(separator: ";", omittingEmptySubsequences: false).map(SigV4CanonicalHeaders.lowercasedASCII)
    }
}
