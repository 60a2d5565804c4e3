import Foundation
import Testing

@testable import AWSSigV4

/// The 38 cases of the aws-c-auth SigV4 suite, in both the Authorization-header and the
/// presigned-query forms: canonical request, string to sign, signature, verification, and
/// verification failing after tampering.
@Suite("aws-c-auth SigV4 test vectors")
struct SigV4VectorTests {
    @Test("the suite has all 38 cases")
    func suiteIsComplete() {
        #expect(VectorCase.all.count == 38)
    }

    @Test("header form: canonical request, string to sign, signature and verification", arguments: VectorCase.all)
    func headerForm(_ vector: VectorCase) throws {
        let context = try vector.context()
        let now = try context.epochSeconds
        let signed = try vector.request("header-signed-request.txt")
        let authorization = try SigV4.parseAuthorization(signed.request).get()
        #expect(!authorization.isPresigned)
        #expect(authorization.accessKeyID == context.credentials.accessKeyID)
        #expect(authorization.requestTime == now)
        #expect(authorization.securityToken == context.credentials.token)

        let payload = SigV4.sha256Hex(signed.body)
        let canonical = SigV4.canonicalRequest(
            signed.request, signedHeaders: authorization.signedHeaders, payloadSHA256: payload, presigned: false,
            normalizePath: context.normalize)
        #expect(canonical == (try vector.text("header-canonical-request.txt")))
        let stringToSign = SigV4.stringToSign(
            canonicalRequest: canonical, amzDate: "20150830T123600Z", scope: authorization.scope)
        #expect(stringToSign == (try vector.text("header-string-to-sign.txt")))
        #expect(authorization.signature == (try vector.text("header-signature.txt")))

        try expectVerifies(signed, authorization, context: context, now: now)
        try expectTamperingFails(signed, authorization, context: context, now: now)
    }

    @Test("query form: canonical request, string to sign, signature and verification", arguments: VectorCase.all)
    func queryForm(_ vector: VectorCase) throws {
        let context = try vector.context()
        let now = try context.epochSeconds
        let asSent = try vector.request("query-signed-request.txt")
        var signed = asSent
        if context.omitSessionToken == true {
            // The token was appended after signing (aws-c-auth's `omit_session_token`): it is not
            // in the expected canonical request, and this server (like AWS for IAM and STS) signs
            // the whole query, so the request as sent must not verify.
            let authorization = try SigV4.parseAuthorization(asSent.request).get()
            let result = SigV4.verify(
                asSent.request, authorization, secretAccessKey: context.credentials.secretAccessKey,
                payloadSHA256: SigV4.sha256Hex(asSent.body), now: now, normalizePath: context.normalize)
            #expect(failure(result)?.code == .signatureDoesNotMatch)
            signed.request = asSent.request.removingQueryParameter("X-Amz-Security-Token")
        }
        let authorization = try SigV4.parseAuthorization(signed.request).get()
        #expect(authorization.isPresigned)
        #expect(authorization.expiresSeconds == context.expirationInSeconds)
        #expect(authorization.requestTime == now)

        let payload = SigV4.sha256Hex(signed.body)
        let canonical = SigV4.canonicalRequest(
            signed.request, signedHeaders: authorization.signedHeaders, payloadSHA256: payload, presigned: true,
            normalizePath: context.normalize)
        #expect(canonical == (try vector.text("query-canonical-request.txt")))
        let stringToSign = SigV4.stringToSign(
            canonicalRequest: canonical, amzDate: "20150830T123600Z", scope: authorization.scope)
        #expect(stringToSign == (try vector.text("query-string-to-sign.txt")))
        #expect(authorization.signature == (try vector.text("query-signature.txt")))

        try expectVerifies(signed, authorization, context: context, now: now)
        try expectTamperingFails(signed, authorization, context: context, now: now)
    }

    @Test("sign() reproduces the header signature of every normalized vector", arguments: VectorCase.all)
    func signReproducesHeaderSignature(_ vector: VectorCase) throws {
        let context = try vector.context()
        guard context.normalize, context.omitSessionToken != true else { return }
        let unsigned = try vector.request("request.txt")
        let payload = SigV4.sha256Hex(unsigned.body)
        var request = unsigned.request
        if context.signBody { request = request.settingHeader("x-amz-content-sha256", payload) }
        let added = SigV4.sign(
            request, accessKeyID: context.credentials.accessKeyID,
            secretAccessKey: context.credentials.secretAccessKey, sessionToken: context.credentials.token,
            region: context.region, service: context.service, payloadSHA256: payload, time: try context.epochSeconds)
        let expected = try vector.request("header-signed-request.txt").request.headerValues("authorization")
        #expect(added.last?.name == "Authorization")
        #expect([added.last?.value] == expected.map(Optional.some))
        #expect(added.first?.value == "20150830T123600Z")
    }

    @Test("presigning reproduces the query signature of every normalized vector", arguments: VectorCase.all)
    func presignReproducesQuerySignature(_ vector: VectorCase) throws {
        let context = try vector.context()
        guard context.normalize, context.omitSessionToken != true else { return }
        let unsigned = try vector.request("request.txt")
        let query = SigV4.presignedQuery(
            unsigned.request, accessKeyID: context.credentials.accessKeyID,
            secretAccessKey: context.credentials.secretAccessKey, sessionToken: context.credentials.token,
            region: context.region, service: context.service, expires: context.expirationInSeconds,
            payloadSHA256: SigV4.sha256Hex(unsigned.body), time: try context.epochSeconds,
            additionalSignedHeaders: unsigned.request.headers.map(\.name))
        #expect(query.hasSuffix("&X-Amz-Signature=" + (try vector.text("query-signature.txt"))))
    }

    // MARK: Helpers

    private func verify(
        _ request: SigV4Request, _ authorization: SigV4Authorization, body: [UInt8], context: VectorContext, now: Int64
    ) -> Result<Void, SigV4Error> {
        SigV4.verify(
            request, authorization, secretAccessKey: context.credentials.secretAccessKey,
            payloadSHA256: SigV4.sha256Hex(body), now: now, normalizePath: context.normalize)
    }

    private func expectVerifies(
        _ signed: HTTPRequestFile, _ authorization: SigV4Authorization, context: VectorContext, now: Int64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = verify(signed.request, authorization, body: signed.body, context: context, now: now)
        #expect(failure(result) == nil, sourceLocation: sourceLocation)
    }

    /// A flipped signature digit, a changed signed header, and a changed body must each fail.
    private func expectTamperingFails(
        _ signed: HTTPRequestFile, _ authorization: SigV4Authorization, context: VectorContext, now: Int64
    ) throws {
        var badSignature = authorization
        badSignature.signature = flippingFirstHexDigit(authorization.signature)
        let flipped = verify(signed.request, badSignature, body: signed.body, context: context, now: now)
        #expect(failure(flipped)?.code == .signatureDoesNotMatch)

        let otherHost = signed.request.settingHeader("Host", "example.amazonaws.org")
        let hostChanged = verify(otherHost, authorization, body: signed.body, context: context, now: now)
        #expect(failure(hostChanged)?.code == .signatureDoesNotMatch)

        let bodyChanged = verify(signed.request, authorization, body: signed.body + Array("x".utf8), context: context, now: now)
        #expect(failure(bodyChanged)?.code == .signatureDoesNotMatch)

        let wrongSecret = SigV4.verify(
            signed.request, authorization, secretAccessKey: "not-the-secret", payloadSHA256: SigV4.sha256Hex(signed.body),
            now: now, normalizePath: context.normalize)
        #expect(failure(wrongSecret)?.code == .signatureDoesNotMatch)
        #expect(failure(wrongSecret)?.message.contains(context.credentials.secretAccessKey) == false)
    }
}
