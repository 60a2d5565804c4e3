extension SigV4 {
    /// Header names a client does not sign (botocore's list, plus the signature's own headers).
    static let unsignedHeaderNames = [Header.authorization, "expect", "user-agent", "x-amzn-trace-id", "transfer-encoding"]

    /// Client side (for tests and the load generator): signs a request with an Authorization header. Returns the headers
    /// to add (X-Amz-Date, optional X-Amz-Security-Token, Authorization). `time` is epoch seconds.
    ///
    /// Every header of `request` is signed except `Authorization`, `Expect`, `User-Agent`,
    /// `X-Amzn-Trace-Id` and `Transfer-Encoding`; the request should carry `Host` and no
    /// `X-Amz-Date`, `X-Amz-Security-Token` or `Authorization` of its own (those are ignored).
    public static func sign(
        _ request: SigV4Request, accessKeyID: String, secretAccessKey: String, sessionToken: String?,
        region: String, service: String, payloadSHA256: String, time: Int64
    ) -> [(name: String, value: String)] {
        let replaced = [Header.authorization, Header.amzDate, Header.securityToken]
        var added: [(name: String, value: String)] = [("X-Amz-Date", SigV4Timestamp.basicISO8601(time))]
        if let sessionToken { added.append(("X-Amz-Security-Token", sessionToken)) }

        var signing = request
        signing.headers = request.headers.filter { header in
            let name = SigV4CanonicalHeaders.lowercasedASCII(header.name)
            return !replaced.contains { $0.hasSameBytes(as: name) }
        }
        signing.headers += added
        let signedHeaders = sortedUnique(signing.headers.map { SigV4CanonicalHeaders.lowercasedASCII($0.name) })
            .filter { name in !unsignedHeaderNames.contains { $0.hasSameBytes(as: name) } }

        let date = SigV4Timestamp.dateStamp(time)
        let canonical = canonicalRequest(
            signing, signedHeaders: signedHeaders, payloadSHA256: declaredPayloadHash(signing, received: payloadSHA256),
            presigned: false)
        let signature = signature(
            canonicalRequest: canonical, time: time, date: date, region: region, service: service,
            secretAccessKey: secretAccessKey)
        let credential = "\(accessKeyID)/\(date)/\(region)/\(service)/\(terminator)"
        let signedList = signedHeaders.joined(separator: ";")
        let authorization = "\(algorithm) Credential=\(credential), SignedHeaders=\(signedList), Signature=\(signature)"
        return added + [("Authorization", authorization)]
    }

    /// Client side: presigns a request, returning its new query string (the original parameters,
    /// then `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-SignedHeaders`, optional `X-Amz-Security-Token`, and `X-Amz-Signature`). Signs `host`
    /// plus `additionalSignedHeaders`.
    static func presignedQuery(
        _ request: SigV4Request, accessKeyID: String, secretAccessKey: String, sessionToken: String?,
        region: String, service: String, expires: Int, payloadSHA256: String, time: Int64,
        additionalSignedHeaders: [String] = []
    ) -> String {
        let date = SigV4Timestamp.dateStamp(time)
        let signedHeaders = sortedUnique(
            [Header.host] + additionalSignedHeaders.map(SigV4CanonicalHeaders.lowercasedASCII))
        var parameters = [
            (QueryParameter.algorithm, algorithm),
            (QueryParameter.credential, "\(accessKeyID)/\(date)/\(region)/\(service)/\(terminator)"),
            (QueryParameter.date, SigV4Timestamp.basicISO8601(time)),
            (QueryParameter.expires, String(expires)),
            (QueryParameter.signedHeaders, signedHeaders.joined(separator: ";")),
        ]
        if let sessionToken { parameters.append((QueryParameter.securityToken, sessionToken)) }
        let encoded = parameters.map { name, value in
            String(decoding: SigV4PercentEncoding.encode(name.utf8), as: UTF8.self) + "="
                + String(decoding: SigV4PercentEncoding.encode(value.utf8), as: UTF8.self)
        }
        var signing = request
        signing.query = ([request.query].filter { !$0.isEmpty } + encoded).joined(separator: "&")
        let canonical = canonicalRequest(
            signing, signedHeaders: signedHeaders, payloadSHA256: payloadSHA256, presigned: true)
        let signature = signature(
            canonicalRequest: canonical, time: time, date: date, region: region, service: service,
            secretAccessKey: secretAccessKey)
        return signing.query + "&\(QueryParameter.signature)=\(signature)"
    }

    /// Names sorted by their bytes, each once.
    private static func sortedUnique(_ names: [String]) -> [String] {
        let sorted = names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var unique: [[UInt8]] = []
        for name in sorted where unique.last != name { unique.append(name) }
        return unique.map { String(decoding: $0, as: UTF8.self) }
    }
}
