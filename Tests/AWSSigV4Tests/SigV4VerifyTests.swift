import Foundation
import Testing

@testable import AWSSigV4

/// Verification of requests made with ``SigV4/sign(_:accessKeyID:secretAccessKey:sessionToken:region:service:payloadSHA256:time:)``:
/// clock skew, presigned expiry, session tokens and payload hashes.
@Suite("SigV4 verification")
struct SigV4VerifyTests {
    static let accessKeyID = "AKIAIOSFODNN7EXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let time: Int64 = 1_440_938_160  // 2015-08-30T12:36:00Z
    static let formBody = Array("Action=GetCallerIdentity&Version=2011-06-15".utf8)

    /// A form POST as the AWS CLI sends it: no X-Amz-Content-Sha256 header.
    static let cliPost = SigV4Request(
        method: "POST", path: "/", query: "",
        headers: [
            ("Host", "localhost:8080"),
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ("User-Agent", "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian"),
            ("Content-Length", "43"),
        ])

    static func signed(
        _ request: SigV4Request = cliPost, body: [UInt8] = formBody, token: String? = nil, time: Int64 = time,
        region: String = "us-east-1", service: String = "sts"
    ) -> SigV4Request {
        var copy = request
        copy.headers += SigV4.sign(
            request, accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token, region: region,
            service: service, payloadSHA256: SigV4.sha256Hex(body), time: time)
        return copy
    }

    static func verify(
        _ request: SigV4Request, body: [UInt8] = formBody, now: Int64 = time, secret: String = secret
    ) -> Result<Void, SigV4Error> {
        switch SigV4.parseAuthorization(request) {
        case .failure(let error): .failure(error)
        case .success(let authorization):
            SigV4.verify(request, authorization, secretAccessKey: secret, payloadSHA256: SigV4.sha256Hex(body), now: now)
        }
    }

    @Test("an AWS CLI form POST signed with sign() verifies")
    func cliFormPostRoundTrips() throws {
        let request = Self.signed()
        #expect(failure(Self.verify(request)) == nil)
        let authorization = try SigV4.parseAuthorization(request).get()
        #expect(authorization.accessKeyID == Self.accessKeyID)
        #expect(authorization.scope == "20150830/us-east-1/sts/aws4_request")
        #expect(authorization.signedHeaders == ["content-length", "content-type", "host", "x-amz-date"])
        #expect(authorization.securityToken == nil)
    }

    @Test("a changed body, secret, header or method does not verify")
    func tamperedRequestsFail() {
        let request = Self.signed()
        let changedBody = Array("Action=CreateUser&Version=2010-05-08&UserName=mallory".utf8)
        #expect(failure(Self.verify(request, body: changedBody))?.code == .signatureDoesNotMatch)
        #expect(failure(Self.verify(request, secret: "x" + Self.secret))?.code == .signatureDoesNotMatch)
        let otherType = request.settingHeader("Content-Type", "application/json")
        #expect(failure(Self.verify(otherType))?.code == .signatureDoesNotMatch)
        var otherMethod = request
        otherMethod.method = "PUT"
        #expect(failure(Self.verify(otherMethod))?.code == .signatureDoesNotMatch)
        var otherQuery = request
        otherQuery.query = "Action=DeleteUser"
        #expect(failure(Self.verify(otherQuery))?.code == .signatureDoesNotMatch)
    }

    @Test("unsigned headers such as User-Agent may change")
    func unsignedHeadersMayChange() {
        let request = Self.signed().settingHeader("User-Agent", "something else")
        #expect(failure(Self.verify(request)) == nil)
    }

    @Test("a GET with a query string round-trips, whatever order the parameters arrive in")
    func getWithQueryRoundTrips() {
        let get = SigV4Request(
            method: "GET", path: "/", query: "Version=2010-05-08&Action=ListUsers&PathPrefix=%2Fdivision_abc%2F",
            headers: [("Host", "iam.amazonaws.com")])
        var request = Self.signed(get, body: [], region: "us-east-1", service: "iam")
        #expect(failure(Self.verify(request, body: [])) == nil)
        request.query = "Action=ListUsers&PathPrefix=%2Fdivision_abc%2F&Version=2010-05-08"
        #expect(failure(Self.verify(request, body: [])) == nil)
        request.query = "Action=ListUsers&PathPrefix=%2Fdivision_xyz%2F&Version=2010-05-08"
        #expect(failure(Self.verify(request, body: []))?.code == .signatureDoesNotMatch)
    }

    @Test("a signed session token is part of the signature")
    func sessionTokenIsSigned() throws {
        let token = "IQoJb3JpZ2luX2VjEXAMPLE+token/with=padding=="
        let request = Self.signed(token: token)
        let authorization = try SigV4.parseAuthorization(request).get()
        #expect(authorization.securityToken == token)
        #expect(authorization.signedHeaders.contains("x-amz-security-token"))
        #expect(failure(Self.verify(request)) == nil)
        let otherToken = request.settingHeader("X-Amz-Security-Token", token + "A")
        #expect(failure(Self.verify(otherToken))?.code == .signatureDoesNotMatch)
    }

    // MARK: Clock skew

    @Test("requests 14 or 15 minutes off verify", arguments: [-15 * 60, -14 * 60, 0, 14 * 60, 15 * 60])
    func smallSkewIsAccepted(offset: Int) {
        #expect(failure(Self.verify(Self.signed(), now: Self.time + Int64(offset))) == nil)
    }

    @Test("a request signed 16 minutes ago has expired")
    func oldRequestExpired() throws {
        let error = try #require(failure(Self.verify(Self.signed(), now: Self.time + 16 * 60)))
        #expect(error.code == .requestExpired)
        #expect(error.code.awsCode == "RequestExpired")
        #expect(error.code.httpStatus == 400)
        #expect(
            error.message
                == "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)")
    }

    @Test("a request signed 16 minutes in the future is not yet current")
    func futureRequestNotYetCurrent() throws {
        let error = try #require(failure(Self.verify(Self.signed(), now: Self.time - 16 * 60)))
        #expect(error.code == .requestExpired)
        #expect(
            error.message
                == "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T122000Z + 15 min.)")
    }

    @Test("extreme clocks do not trap", arguments: [Int64.min, Int64.min + 1, -1, 0, Int64.max - 1, Int64.max])
    func extremeClocks(now: Int64) {
        #expect(failure(Self.verify(Self.signed(), now: now))?.code == .requestExpired)
        let request = Self.signed(time: now)
        _ = Self.verify(request, now: now)
    }

    // MARK: Date header

    @Test("a request dated by the Date header instead of X-Amz-Date verifies")
    func dateHeaderIsAccepted() throws {
        let request = SigV4Request(
            method: "GET", path: "/", query: "Action=GetCallerIdentity&Version=2011-06-15",
            headers: [("Host", "sts.amazonaws.com"), ("Date", "Sun, 30 Aug 2015 12:36:00 GMT")])
        let signedHeaders = ["date", "host"]
        let canonical = SigV4.canonicalRequest(
            request, signedHeaders: signedHeaders, payloadSHA256: SigV4.sha256Hex([]), presigned: false)
        let signature = SigV4.signature(
            canonicalRequest: canonical, time: Self.time, date: "20150830", region: "us-east-1", service: "sts",
            secretAccessKey: Self.secret)
        let authorized = request.settingHeader(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(Self.accessKeyID)/20150830/us-east-1/sts/aws4_request, SignedHeaders=date;host, Signature=\(signature)"
        )
        let authorization = try SigV4.parseAuthorization(authorized).get()
        #expect(authorization.requestTime == Self.time)
        #expect(failure(Self.verify(authorized, body: [])) == nil)
        let redated = authorized.settingHeader("Date", "Sun, 30 Aug 2015 12:37:00 GMT")
        #expect(failure(Self.verify(redated, body: []))?.code == .signatureDoesNotMatch)
    }

    // MARK: Scope, host

    @Test("a credential scope dated another day does not verify")
    func scopeDateMismatch() throws {
        let request = Self.signed()
        var authorization = try SigV4.parseAuthorization(request).get()
        authorization.date = "20150831"
        let result = SigV4.verify(
            request, authorization, secretAccessKey: Self.secret, payloadSHA256: SigV4.sha256Hex(Self.formBody),
            now: Self.time)
        #expect(failure(result)?.code == .signatureDoesNotMatch)
        #expect(
            failure(result)?.message
                == "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'."
        )
    }

    @Test("host must be signed")
    func hostMustBeSigned() throws {
        let request = Self.signed(SigV4Request(method: "GET", path: "/", query: "", headers: [("Accept", "*/*")]), body: [])
        let error = try #require(failure(Self.verify(request, body: [])))
        #expect(error.code == .signatureDoesNotMatch)
        #expect(error.message == "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
    }

    @Test("checkScope reports the wrong region and service as AWS does")
    func scopeCheck() throws {
        let authorization = try SigV4.parseAuthorization(Self.signed()).get()
        #expect((try? SigV4.checkScope(authorization, region: "us-east-1", service: "sts").get()) != nil)
        let error = try #require(failure(SigV4.checkScope(authorization, region: "eu-west-1", service: "iam")))
        #expect(error.code == .signatureDoesNotMatch)
        #expect(
            error.message
                == "Credential should be scoped to a valid region, not 'us-east-1'. Credential should be scoped to correct service: 'iam'."
        )
    }

    // MARK: Payload hash

    @Test("a declared X-Amz-Content-Sha256 that differs from the body fails even though it is signed")
    func declaredPayloadHashMustMatchBody() {
        let declared = Self.cliPost.settingHeader("X-Amz-Content-Sha256", SigV4.sha256Hex(Self.formBody))
        let request = Self.signed(declared)
        #expect(failure(Self.verify(request)) == nil)
        let otherBody = Array("Action=CreateUser&Version=2010-05-08".utf8)
        #expect(failure(Self.verify(request, body: otherBody))?.code == .signatureDoesNotMatch)
    }

    @Test("UNSIGNED-PAYLOAD declared in X-Amz-Content-Sha256 leaves the body out of the signature")
    func unsignedPayload() {
        let declared = Self.cliPost.settingHeader("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
        let request = Self.signed(declared)
        #expect(failure(Self.verify(request)) == nil)
        #expect(failure(Self.verify(request, body: Array("other".utf8))) == nil)
        let authorization = try? SigV4.parseAuthorization(request).get()
        if let authorization {
            let result = SigV4.verify(
                request, authorization, secretAccessKey: Self.secret, payloadSHA256: "UNSIGNED-PAYLOAD", now: Self.time)
            #expect(failure(result) == nil)
        }
        let resigned = request.settingHeader("X-Amz-Content-Sha256", SigV4.sha256Hex(Self.formBody))
        #expect(failure(Self.verify(resigned))?.code == .signatureDoesNotMatch)
    }

    // MARK: Presigned

    static func presigned(expires: Int, token: String? = nil) -> SigV4Request {
        var request = SigV4Request(
            method: "GET", path: "/", query: "Action=GetCallerIdentity&Version=2011-06-15",
            headers: [("Host", "sts.amazonaws.com")])
        request.query = SigV4.presignedQuery(
            request, accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token, region: "us-east-1",
            service: "sts", expires: expires, payloadSHA256: SigV4.sha256Hex([]), time: time)
        return request
    }

    @Test("a presigned URL verifies until X-Amz-Date + X-Amz-Expires, then has expired")
    func presignedExpiry() throws {
        let request = Self.presigned(expires: 60)
        let authorization = try SigV4.parseAuthorization(request).get()
        #expect(authorization.isPresigned)
        #expect(authorization.expiresSeconds == 60)
        #expect(failure(Self.verify(request, body: [], now: Self.time + 60)) == nil)
        let error = try #require(failure(Self.verify(request, body: [], now: Self.time + 61)))
        #expect(error.code == .requestExpired)
        #expect(error.message == "Request has expired")
        let future = try #require(failure(Self.verify(request, body: [], now: Self.time - 16 * 60)))
        #expect(future.code == .requestExpired)
        #expect(failure(Self.verify(request, body: [], now: Self.time - 14 * 60)) == nil)
    }

    @Test("a week-long presigned URL is valid for a week")
    func presignedWeek() {
        let request = Self.presigned(expires: 604_800)
        #expect(failure(Self.verify(request, body: [], now: Self.time + 604_800)) == nil)
        #expect(failure(Self.verify(request, body: [], now: Self.time + 604_801))?.code == .requestExpired)
    }

    @Test("X-Amz-Expires outside 1...604800 is an invalid query parameter", arguments: [0, -1, 604_801, 999_999_999])
    func presignedExpiresRange(expires: Int) throws {
        let error = try #require(failure(Self.verify(Self.presigned(expires: expires), body: [])))
        #expect(error.code == .invalidQueryParameter)
        #expect(error.code.httpStatus == 400)
    }

    @Test("a presigned session token is signed")
    func presignedSessionToken() throws {
        let request = Self.presigned(expires: 300, token: "FwoGZXIvYXdzEXAMPLE/+=")
        let authorization = try SigV4.parseAuthorization(request).get()
        #expect(authorization.securityToken == "FwoGZXIvYXdzEXAMPLE/+=")
        #expect(failure(Self.verify(request, body: [])) == nil)
        var changed = request
        changed.query = request.query.replacingOccurrences(of: "FwoGZXIvYXdzEXAMPLE", with: "FwoGZXIvYXdzEXAMPLF")
        #expect(failure(Self.verify(changed, body: []))?.code == .signatureDoesNotMatch)
    }

    @Test("tampering with a presigned URL fails")
    func presignedTampering() {
        var request = Self.presigned(expires: 300)
        request.query = request.query.replacingOccurrences(of: "GetCallerIdentity", with: "GetSessionToken")
        #expect(failure(Self.verify(request, body: []))?.code == .signatureDoesNotMatch)
        var longer = Self.presigned(expires: 300)
        longer.query = longer.query.replacingOccurrences(of: "X-Amz-Expires=300", with: "X-Amz-Expires=3000")
        #expect(failure(Self.verify(longer, body: []))?.code == .signatureDoesNotMatch)
    }
}
