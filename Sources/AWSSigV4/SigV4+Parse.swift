extension SigV4 {
    /// Finds the signature in the Authorization header ("AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...")
    /// or in presigned query parameters (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature).
    /// Neither present → .missingAuthenticationToken. Malformed → .incompleteSignature with AWS-like message.
    ///
    /// Also fails with `.signatureDoesNotMatch` when the credential scope does not end in
    /// `aws4_request`, with `.invalidQueryParameter` when `X-Amz-Expires` is not a number, and with
    /// `.incompleteSignature` when both forms, or two Authorization headers, are present.
    public static func parseAuthorization(_ request: SigV4Request) -> Result<SigV4Authorization, SigV4Error> {
        let authorizationHeaders = request.headerValues(Header.authorization)
        let query = SigV4CanonicalQuery.parameters(request.query)
        let presignedNames = [QueryParameter.algorithm, QueryParameter.credential, QueryParameter.signature]
        let hasQuerySignature = query.contains { parameter in
            presignedNames.contains { parameter.name.elementsEqual($0.utf8) }
        }
        switch (authorizationHeaders.count, hasQuerySignature) {
        case (0, false): return .failure(.missingAuthenticationToken)
        case (0, true): return parsePresigned(request, query: query)
        case (1, false): return parseHeader(authorizationHeaders[0], request: request)
        case (_, true): return .failure(.bothAuthorizationMechanisms)
        default: return .failure(.multipleAuthorizationHeaders)
        }
    }

    // MARK: Authorization header

    private static let headerFieldNames = ["Credential", "SignedHeaders", "Signature"]

    private static func parseHeader(_ header: String, request: SigV4Request) -> Result<SigV4Authorization, SigV4Error> {
        let trimmed = SigV4CanonicalHeaders.normalizedValue(header)
        let pieces = trimmed.splitBytes(UInt8(ascii: " "), maxSplits: 1)
        let algorithmName = pieces.first ?? ""
        guard algorithmName.hasSameBytes(as: algorithm) else { return .failure(.unsupportedAlgorithm(algorithmName)) }

        var fields: [String: String] = [:]
        for pair in (pieces.count > 1 ? pieces[1] : "").splitBytes(UInt8(ascii: ",")) {
            let pair = trimmingSpaces(pair)
            guard !pair.isEmpty else { continue }
            let keyAndValue = pair.splitBytes(UInt8(ascii: "="), maxSplits: 1)
            guard keyAndValue.count == 2 else { return .failure(.missingEqualSign(pair, header: trimmed)) }
            let key = trimmingSpaces(keyAndValue[0])
            guard let name = headerFieldNames.first(where: { $0.hasSameBytes(as: key) }) else { continue }
            guard fields[name] == nil else { return .failure(.duplicateParameter(name)) }
            fields[name] = trimmingSpaces(keyAndValue[1])
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
            guard let time = SigV4Timestamp.parseBasicISO8601(dateHeader) else {
                return .failure(.malformedDate(dateHeader))
            }
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

    private static let queryParameterNames = [
        QueryParameter.algorithm, QueryParameter.credential, QueryParameter.date, QueryParameter.expires,
        QueryParameter.signedHeaders, QueryParameter.securityToken, QueryParameter.signature,
    ]

    private static func parsePresigned(
        _ request: SigV4Request, query: [SigV4CanonicalQuery.Parameter]
    ) -> Result<SigV4Authorization, SigV4Error> {
        var values: [String: String] = [:]
        for parameter in query {
            guard let name = queryParameterNames.first(where: { parameter.name.elementsEqual($0.utf8) }) else {
                continue
            }
            guard values[name] == nil else { return .failure(.duplicateParameter(name)) }
            values[name] = String(decoding: parameter.value, as: UTF8.self)
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

        guard algorithmName.hasSameBytes(as: algorithm) else { return .failure(.unsupportedAlgorithm(algorithmName)) }
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

    /// An optional `-` and 1–18 ASCII digits; the range check happens in `verify`.
    private static func parseExpires(_ text: String) -> Result<Int, SigV4Error> {
        let negative = text.utf8.first == UInt8(ascii: "-")
        let digits = text.utf8.dropFirst(negative ? 1 : 0)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return .failure(.expiresNotANumber)
        }
        guard digits.count <= 18 else { return .failure(negative ? .expiresNegative : .expiresTooLarge) }
        let magnitude = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return .success(negative ? -magnitude : magnitude)
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
        let parts = credential.splitBytes(UInt8(ascii: "/"), maxSplits: 5)
        guard parts.count == 5, parts.allSatisfy({ !$0.isEmpty }) else {
            return .failure(.malformedCredential(credential))
        }
        guard parts[4].hasSameBytes(as: terminator) else { return .failure(.invalidTerminator(parts[4])) }
        return .success(CredentialScope(accessKeyID: parts[0], date: parts[1], region: parts[2], service: parts[3]))
    }

    private static func splitSignedHeaders(_ list: String) -> [String] {
        list.splitBytes(UInt8(ascii: ";")).map(SigV4CanonicalHeaders.lowercasedASCII)
    }

    private static func trimmingSpaces(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { $0 != UInt8(ascii: " ") }),
            let last = bytes.lastIndex(where: { $0 != UInt8(ascii: " ") })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
