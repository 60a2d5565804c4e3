extension SigV4 {
    /// Verifies the signature. `payloadSHA256` is the lowercase hex SHA-256 of the body the server received
    /// (the caller hashes the body; the AWS CLI sends form POSTs without X-Amz-Content-Sha256), or "UNSIGNED-PAYLOAD"
    /// when the X-Amz-Content-Sha256 header says so. If the X-Amz-Content-Sha256 header is present and differs from the
    /// real body hash, the canonical request uses the header value but verification still fails unless it is
    /// UNSIGNED-PAYLOAD (a tampered body must not pass). `now` is epoch seconds (no clock in this target).
    ///
    /// Checks, in order: clock skew ±15 minutes for header signatures (`RequestExpired`, "Signature expired: …" /
    /// "Signature not yet current: …"); for presigned requests `X-Amz-Expires` in 1...604800 (`InvalidQueryParameter`),
    /// not more than 15 minutes in the future, and not expired (X-Amz-Date + X-Amz-Expires < now → `RequestExpired`);
    /// (a presigned request without `X-Amz-Expires` gets the ±15 minute header rule);
    /// the credential scope date equals the X-Amz-Date day; `host` is among the signed headers; then the signature,
    /// compared in constant time (`SignatureDoesNotMatch`).
    public static func verify(
        _ request: SigV4Request, _ authorization: SigV4Authorization, secretAccessKey: String,
        payloadSHA256: String, now: Int64
    ) -> Result<Void, SigV4Error> {
        verify(
            request, authorization, secretAccessKey: secretAccessKey, payloadSHA256: payloadSHA256, now: now,
            normalizePath: true)
    }

    /// ``verify(_:_:secretAccessKey:payloadSHA256:now:)`` with a signing key derived earlier for the
    /// authorization's secret, date, region and service (the caller must key its cache on all four).
    public static func verify(
        _ request: SigV4Request, _ authorization: SigV4Authorization, signingKey: SigV4SigningKey,
        payloadSHA256: String, now: Int64
    ) -> Result<Void, SigV4Error> {
        verify(request, authorization, key: .derived(signingKey), payloadSHA256: payloadSHA256, now: now, normalizePath: true)
    }

    enum KeySource {
        case secret(String)
        case derived(SigV4SigningKey)
    }

    /// ``verify(_:_:secretAccessKey:payloadSHA256:now:)`` with a choice of path normalization
    /// (`false` only for the S3-style `*-unnormalized` test vectors).
    static func verify(
        _ request: SigV4Request, _ authorization: SigV4Authorization, secretAccessKey: String,
        payloadSHA256: String, now: Int64, normalizePath: Bool
    ) -> Result<Void, SigV4Error> {
        verify(request, authorization, key: .secret(secretAccessKey), payloadSHA256: payloadSHA256, now: now,
               normalizePath: normalizePath)
    }

    static func verify(
        _ request: SigV4Request, _ authorization: SigV4Authorization, key: KeySource,
        payloadSHA256: String, now: Int64, normalizePath: Bool
    ) -> Result<Void, SigV4Error> {
        if let error = timeError(authorization, now: now) { return .failure(error) }

        let amzDate = SigV4Timestamp.basicISO8601(authorization.requestTime)
        guard authorization.date.hasSameBytes(as: SigV4Timestamp.dateStamp(authorization.requestTime)) else {
            return .failure(.scopeDateMismatch(scopeDate: authorization.date, amzDate: amzDate))
        }
        guard authorization.signedHeaders.contains(where: { $0.hasSameBytes(as: Header.host) }) else {
            return .failure(.hostNotSigned)
        }

        let declaredPayload = declaredPayloadHash(request, received: payloadSHA256)
        let payloadMatches =
            declaredPayload.hasSameBytes(as: unsignedPayload)
            || SigV4CanonicalHeaders.lowercasedASCII(declaredPayload).hasSameBytes(
                as: SigV4CanonicalHeaders.lowercasedASCII(payloadSHA256))

        let canonical = canonicalRequest(
            request, signedHeaders: authorization.signedHeaders, payloadSHA256: declaredPayload,
            presigned: authorization.isPresigned, normalizePath: normalizePath)
        let signingKey: SigV4SigningKey = switch key {
        case .secret(let secret):
            SigV4SigningKey(secretAccessKey: secret, date: authorization.date, region: authorization.region,
                            service: authorization.service)
        case .derived(let derived): derived
        }
        let expected = signature(
            canonicalRequest: canonical, time: authorization.requestTime, date: authorization.date,
            region: authorization.region, service: authorization.service, key: signingKey)
        let signatureMatches = SigV4Hex.constantTimeEquals(expected, authorization.signature)
        guard signatureMatches && payloadMatches else { return .failure(.signatureDoesNotMatch) }
        return .success(())
    }

    /// Checks the credential scope against the region and service this endpoint serves, with
    /// AWS's messages (`SignatureDoesNotMatch`): "Credential should be scoped to a valid region, not '…'."
    /// and "Credential should be scoped to correct service: '…'.".
    public static func checkScope(
        _ authorization: SigV4Authorization, region: String, service: String
    ) -> Result<Void, SigV4Error> {
        var messages: [String] = []
        if !authorization.region.hasSameBytes(as: region) {
            messages.append(SigV4Error.invalidRegion(authorization.region).message)
        }
        if !authorization.service.hasSameBytes(as: service) {
            messages.append(SigV4Error.invalidService(expected: service).message)
        }
        guard messages.isEmpty else {
            return .failure(SigV4Error(code: .signatureDoesNotMatch, message: messages.joined(separator: " ")))
        }
        return .success(())
    }

    /// The time checks, or `nil` when the request time is acceptable at `now`.
    static func timeError(_ authorization: SigV4Authorization, now: Int64) -> SigV4Error? {
        let requestTime = authorization.requestTime
        if authorization.isPresigned, let expires = authorization.expiresSeconds {
            if expires < 0 { return .expiresNegative }
            if expires == 0 { return .expiresZero }
            if expires > maximumExpires { return .expiresTooLarge }
            if requestTime > SigV4Timestamp.adding(now, allowedClockSkew) {
                return .signatureNotYetCurrent(requestTime: requestTime, now: now)
            }
            if SigV4Timestamp.adding(requestTime, Int64(expires)) < now { return .presignedRequestExpired }
            return nil
        }
        if requestTime < SigV4Timestamp.adding(now, -allowedClockSkew) {
            return .signatureExpired(requestTime: requestTime, now: now)
        }
        if requestTime > SigV4Timestamp.adding(now, allowedClockSkew) {
            return .signatureNotYetCurrent(requestTime: requestTime, now: now)
        }
        return nil
    }
}
