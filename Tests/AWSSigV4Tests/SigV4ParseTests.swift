import Testing

@testable import AWSSigV4

/// Finding the signature: the Authorization header, presigned query parameters, and hostile input.
@Suite("SigV4 authorization parsing")
struct SigV4ParseTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let time: Int64 = 1_440_938_160
    static let goodSignature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    static let scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"

    static func request(authorization: String?, amzDate: String? = "20150830T123600Z", query: String = "") -> SigV4Request {
        var headers: [(name: String, value: String)] = [("Host", "example.amazonaws.com")]
        if let amzDate { headers.append(("X-Amz-Date", amzDate)) }
        if let authorization { headers.append(("Authorization", authorization)) }
        return SigV4Request(method: "GET", path: "/", query: query, headers: headers)
    }

    @Test("the get-vanilla Authorization header parses into its parts")
    func parsesHeader() throws {
        let header =
            "AWS4-HMAC-SHA256 Credential=\(Self.scope), SignedHeaders=host;x-amz-date, Signature=\(Self.goodSignature)"
        let authorization = try SigV4.parseAuthorization(Self.request(authorization: header)).get()
        #expect(
            authorization
                == SigV4Authorization(
                    accessKeyID: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "service",
                    signedHeaders: ["host", "x-amz-date"], signature: Self.goodSignature, requestTime: Self.time,
                    isPresigned: false))
        let result = SigV4.verify(
            Self.request(authorization: header), authorization, secretAccessKey: Self.secret,
            payloadSHA256: SigV4.sha256Hex([]), now: Self.time)
        #expect(failure(result) == nil)
    }

    @Test("no signature at all is MissingAuthenticationToken (403)")
    func missingAuthentication() throws {
        let error = try #require(failureOf(SigV4.parseAuthorization(Self.request(authorization: nil))))
        #expect(error.code == .missingAuthenticationToken)
        #expect(error.code.awsCode == "MissingAuthenticationToken")
        #expect(error.code.httpStatus == 403)
        #expect(error.message == "Request is missing Authentication Token")
        let unrelatedQuery = Self.request(authorization: nil, query: "Action=ListUsers&Version=2010-05-08")
        #expect(failureOf(SigV4.parseAuthorization(unrelatedQuery))?.code == .missingAuthenticationToken)
    }

    @Test("both an Authorization header and presigned parameters is IncompleteSignature")
    func bothMechanisms() {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.scope), SignedHeaders=host, Signature=\(Self.goodSignature)"
        let request = Self.request(authorization: header, query: "X-Amz-Algorithm=AWS4-HMAC-SHA256")
        #expect(failureOf(SigV4.parseAuthorization(request))?.code == .incompleteSignature)
    }

    @Test("missing header parts are listed as AWS lists them")
    func missingHeaderParts() throws {
        let error = try #require(
            failureOf(SigV4.parseAuthorization(Self.request(authorization: "AWS4-HMAC-SHA256", amzDate: nil))))
        #expect(error.code == .incompleteSignature)
        #expect(error.code.httpStatus == 400)
        #expect(
            error.message
                == "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256"
        )
    }

    @Test("missing presigned parameters are listed as AWS lists them")
    func missingQueryParts() throws {
        let request = Self.request(
            authorization: nil, amzDate: nil, query: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID")
        let error = try #require(failureOf(SigV4.parseAuthorization(request)))
        #expect(error.code == .incompleteSignature)
        #expect(
            error.message
                == "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters."
        )
    }

    @Test("X-Amz-Expires that is not a number is an invalid query parameter")
    func expiresNotANumber() {
        let query =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=soon&X-Amz-SignedHeaders=host&X-Amz-Signature=00"
        let error = failureOf(SigV4.parseAuthorization(Self.request(authorization: nil, amzDate: nil, query: query)))
        #expect(error?.code == .invalidQueryParameter)
    }

    /// Hostile or broken Authorization headers: each is refused with IncompleteSignature or
    /// SignatureDoesNotMatch, with a short message, and nothing traps.
    static let hostileHeaders: [String] = [
        "",
        "   ",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 ",
        "AWS4-HMAC-SHA256 Credential=\(scope)",
        "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1, SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=////, SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=\(scope)/extra, SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws5_request, SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host;x-amz-date, Signature=zz\(goodSignature.dropFirst(2))",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host;x-amz-date, Signature=\(goodSignature.uppercased())",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host;x-amz-date, Signature=",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 FooBar, BazBurp",
        "AWS4-HMAC-SHA256 Credential=\(scope), Credential=\(scope), SignedHeaders=host, Signature=\(goodSignature)",
        "Basic dXNlcjpwYXNzd29yZA==",
        "AWS4-HMAC-SHA512 Credential=\(scope), SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=",
        "AWS4-HMAC-SHA256 Credential=\u{0}/\u{0}/é/\u{1F600}/aws4_request, SignedHeaders=\u{FF28}\u{FF2F}\u{FF33}\u{FF34}, Signature=\u{0}",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=\u{212A}ost;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host\u{037E}x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256\u{301} Credential=\(scope), SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request\u{301}, SignedHeaders=host;x-amz-date, Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host;x-amz-date, Signature=\(String(repeating: "a", count: 1_000_000))",
        "AWS4-HMAC-SHA256 " + String(repeating: "A", count: 1_000_000),
        "AWS4-HMAC-SHA256 " + String(repeating: "Credential=x,", count: 100_000),
        "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=" + String(repeating: "host;", count: 100_000)
            + " , Signature=\(goodSignature)",
        "AWS4-HMAC-SHA256 ,,,,,,=,=,=,==,",
    ]

    @Test("hostile Authorization headers are refused without trapping", arguments: 0..<hostileHeaders.count)
    func hostileHeader(index: Int) {
        let request = Self.request(authorization: Self.hostileHeaders[index])
        let error: SigV4Error?
        switch SigV4.parseAuthorization(request) {
        case .failure(let parseError): error = parseError
        case .success(let authorization):
            error = failure(
                SigV4.verify(
                    request, authorization, secretAccessKey: Self.secret, payloadSHA256: SigV4.sha256Hex([]),
                    now: Self.time))
        }
        #expect(error?.code == .incompleteSignature || error?.code == .signatureDoesNotMatch)
        #expect((error?.message.utf8.count ?? 0) < 1_000)
        #expect(error?.message.contains(Self.secret) == false)
    }

    @Test("hostile dates are refused", arguments: ["", "2015/08/30T12/36/00Z", "20150830T123600", "20150230T123600Z",
        "20150830T246000Z", "20150830T123660Z", "00000830T123600Z", "２０１５0830T123600Z", "20150830T123600Z\u{0}"])
    func hostileDate(date: String) {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.scope), SignedHeaders=host;x-amz-date, Signature=\(Self.goodSignature)"
        let error = failureOf(SigV4.parseAuthorization(Self.request(authorization: header, amzDate: date)))
        #expect(error?.code == .incompleteSignature)
    }

    @Test("two Authorization headers are refused")
    func twoAuthorizationHeaders() {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.scope), SignedHeaders=host;x-amz-date, Signature=\(Self.goodSignature)"
        var request = Self.request(authorization: header)
        request.headers.append(("authorization", header))
        #expect(failureOf(SigV4.parseAuthorization(request))?.code == .incompleteSignature)
    }

    @Test("hostile query strings are refused without trapping", arguments: [
        "X-Amz-Algorithm", "X-Amz-Signature=&X-Amz-Signature=", "X-Amz-Algorithm=%", "X-Amz-Algorithm=%zz&%%%=%",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=99999999999999999999999&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
        String(repeating: "X-Amz-Algorithm=&", count: 50_000),
    ])
    func hostileQuery(query: String) {
        let request = Self.request(authorization: nil, amzDate: nil, query: query)
        let error: SigV4Error?
        switch SigV4.parseAuthorization(request) {
        case .failure(let parseError): error = parseError
        case .success(let authorization):
            error = failure(
                SigV4.verify(
                    request, authorization, secretAccessKey: Self.secret, payloadSHA256: SigV4.sha256Hex([]),
                    now: Self.time))
        }
        #expect(error != nil)
        #expect(error?.code != .missingAuthenticationToken)
        #expect((error?.message.utf8.count ?? 0) < 1_000)
    }
}

/// The error of a parse result, or `nil` on success.
func failureOf(_ result: Result<SigV4Authorization, SigV4Error>) -> SigV4Error? {
    if case .failure(let error) = result { return error }
    return nil
}
