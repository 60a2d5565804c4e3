import Testing

@testable import AWSSigV4

/// The pieces of the canonical request, and the timestamps, on their own.
@Suite("SigV4 canonicalization")
struct SigV4CanonicalizationTests {
    @Test("paths are normalized and encoded once more", arguments: [
        ("", "/"), ("/", "/"), ("//", "/"), ("/./", "/"), ("/a/..", "/"), ("/a/../..", "/"), ("/../../a", "/a"),
        ("/a/./b/../c//d/", "/a/c/d/"), ("/a/.", "/a"), ("//example//", "/example/"),
        ("/a%20b", "/a%2520b"), ("/example space/", "/example%20space/"), ("/\u{1234}", "/%E1%88%B4"),
        ("/-._~AZaz09", "/-._~AZaz09"), ("/a+b=c;d", "/a%2Bb%3Dc%3Bd"), ("relative/path", "/relative/path"),
    ])
    func canonicalURI(path: String, expected: String) {
        #expect(SigV4CanonicalPath.canonicalURI(path, normalize: true) == expected)
    }

    @Test("unnormalized paths keep dot segments and repeated slashes")
    func unnormalizedURI() {
        #expect(SigV4CanonicalPath.canonicalURI("//a/./b/../", normalize: false) == "//a/./b/../")
        #expect(SigV4CanonicalPath.canonicalURI("", normalize: false) == "/")
    }

    @Test("query strings are decoded, re-encoded and sorted", arguments: [
        ("", ""), ("&&", ""), ("b=2&a=1&a=0&c", "a=0&a=1&b=2&c="), ("a+b=c%2Bd", "a%20b=c%2Bd"),
        ("%zz=1&%=%4", "%25=%254&%25zz=1"), ("Param-3=Value3&Param=Value2&%E1%88%B4=Value1",
            "%E1%88%B4=Value1&Param=Value2&Param-3=Value3"), ("a=%7e%2A%41", "a=~%2AA"), ("=v", "=v"),
        ("b=1&B=2&a=%FF", "B=2&a=%FF&b=1"),
    ])
    func canonicalQuery(query: String, expected: String) {
        #expect(SigV4CanonicalQuery.canonical(query, excludingSignature: false) == expected)
    }

    @Test("presigned canonical queries leave out X-Amz-Signature only")
    func presignedQuery() {
        let query = "X-Amz-Signature=abc&a=1&x-amz-signature=def"
        #expect(SigV4CanonicalQuery.canonical(query, excludingSignature: true) == "a=1&x-amz-signature=def")
        #expect(SigV4CanonicalQuery.canonical(query, excludingSignature: false) == "X-Amz-Signature=abc&a=1&x-amz-signature=def")
    }

    @Test("header values are trimmed, collapsed and joined")
    func canonicalHeaders() {
        let headers: [(name: String, value: String)] = [
            ("My-Header1", "  a   b\t\tc  "), ("HOST", "example.com"), ("my-header1", "value1\n  value2\n   value3"),
            ("X-Unsigned", "x"), ("Empty", "   "),
        ]
        #expect(
            SigV4CanonicalHeaders.block(headers, signedHeaders: ["empty", "host", "missing", "my-header1"])
                == "empty:\nhost:example.com\nmissing:\nmy-header1:a b c,value1 value2 value3\n")
    }

    @Test("header names are lowercased in ASCII only")
    func asciiLowercasing() {
        #expect(SigV4CanonicalHeaders.lowercasedASCII("X-Amz-Date") == "x-amz-date")
        #expect(SigV4CanonicalHeaders.lowercasedASCII("\u{212A}EY") == "\u{212A}ey")
        #expect(SigV4CanonicalHeaders.lowercasedASCII("ÉTÉ") == "ÉtÉ")
    }

    @Test("matching is on bytes, not on Unicode canonical equivalence")
    func byteMatching() {
        // U+1FEF is canonically equivalent to "`", and U+212A KELVIN SIGN to "K".
        let headers: [(name: String, value: String)] = [("x\u{1FEF}y", "b"), ("x`y", "a"), ("\u{212A}", "c"), ("K", "d")]
        #expect(SigV4CanonicalHeaders.block(headers, signedHeaders: ["x`y", "k"]) == "x`y:a\nk:d\n")
        #expect(SigV4CanonicalPath.normalized("/a/.\u{301}/../b") == "/a/b")
        #expect(SigV4CanonicalPath.normalized("/a/.\u{301}/b") == "/a/.\u{301}/b")
        #expect(!"\u{212A}".hasSameBytes(as: "K"))
        #expect("\u{212A}" == "K")
        let request = SigV4Request(method: "GET", path: "/", query: "", headers: [("Host", "a"), ("Ho\u{1FEF}st", "b")])
        #expect(request.headerValues("host") == ["a"])
    }

    @Test("the get-vanilla string to sign and signature are known answers")
    func knownAnswer() {
        let request = SigV4Request(
            method: "GET", path: "/", query: "",
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")])
        let canonical = SigV4.canonicalRequest(
            request, signedHeaders: ["host", "x-amz-date"], payloadSHA256: SigV4.sha256Hex([]), presigned: false)
        #expect(SigV4.sha256Hex(canonical.utf8) == "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
        let signature = SigV4.signature(
            canonicalRequest: canonical, time: 1_440_938_160, date: "20150830", region: "us-east-1",
            service: "service", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        #expect(signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test("SHA-256 of contiguous and non-contiguous sequences agree")
    func sha256() {
        #expect(SigV4.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SigV4.sha256Hex("Param1=value1".utf8) == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
        #expect(
            SigV4.sha256Hex(Array("Param1=value1".utf8).lazy.map { $0 })
                == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
    }

    @Test("signatures compare equal only when identical")
    func constantTimeComparison() {
        #expect(SigV4Hex.constantTimeEquals("abc", "abc"))
        #expect(!SigV4Hex.constantTimeEquals("abc", "abd"))
        #expect(!SigV4Hex.constantTimeEquals("abc", "abcd"))
        #expect(!SigV4Hex.constantTimeEquals("", "a"))
        #expect(SigV4Hex.constantTimeEquals("", ""))
    }

    // MARK: Timestamps

    @Test("ISO-8601 basic timestamps parse and format", arguments: [
        ("19700101T000000Z", Int64(0)), ("20150830T123600Z", 1_440_938_160), ("20000229T235959Z", 951_868_799),
        ("99991231T235959Z", 253_402_300_799), ("00010101T000000Z", -62_135_596_800),
    ])
    func basicISO8601(text: String, seconds: Int64) {
        #expect(SigV4Timestamp.parseBasicISO8601(text) == seconds)
        #expect(SigV4Timestamp.basicISO8601(seconds) == text)
        #expect(SigV4Timestamp.dateStamp(seconds) == String(text.prefix(8)))
    }

    @Test("invalid ISO-8601 basic timestamps are refused", arguments: [
        "", "20150830", "20150830T123600", "20150830T123600z", "20150830 123600Z", "2015-08-30T12:36:00Z",
        "20150229T000000Z", "20151301T000000Z", "20150800T000000Z", "20150830T240000Z", "+0150830T123600Z",
        "20150830T123600ZZ",
    ])
    func invalidBasicISO8601(text: String) {
        #expect(SigV4Timestamp.parseBasicISO8601(text) == nil)
    }

    @Test("RFC 1123 dates parse", arguments: [
        ("Sun, 30 Aug 2015 12:36:00 GMT", Int64(1_440_938_160)), ("30 Aug 2015 12:36:00 GMT", 1_440_938_160),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0), ("Tue, 1 Mar 2016 00:00:00 UTC", 1_456_790_400),
    ])
    func httpDate(text: String, seconds: Int64) {
        #expect(SigV4Timestamp.parseHTTPDate(text) == seconds)
    }

    @Test("invalid RFC 1123 dates are refused", arguments: [
        "", "Sun, 30 Aug 2015", "Sun, 30 Aug 2015 12:36:00 PST", "Xyz, 30 Aug 2015 12:36:00 GMT",
        "Sun, 31 Sep 2015 12:36:00 GMT", "Sun, 30 Aug 15 12:36:00 GMT", "Sun, 30 Aug 2015 12:36 GMT",
        "Sun, 30 Aug 2015 25:00:00 GMT", "Sunday, 30-Aug-15 12:36:00 GMT", String(repeating: "9", count: 10_000),
    ])
    func invalidHTTPDate(text: String) {
        #expect(SigV4Timestamp.parseHTTPDate(text) == nil)
    }

    @Test("formatting extreme times does not trap", arguments: [Int64.min, Int64.min + 1, -1, Int64.max])
    func extremeFormatting(seconds: Int64) {
        #expect(!SigV4Timestamp.basicISO8601(seconds).isEmpty)
        #expect(!SigV4Timestamp.dateStamp(seconds).isEmpty)
    }

    @Test("time arithmetic saturates")
    func saturatingArithmetic() {
        #expect(SigV4Timestamp.adding(.max, 1) == .max)
        #expect(SigV4Timestamp.adding(.min, -1) == .min)
        #expect(SigV4Timestamp.adding(.min, 900) == .min + 900)
        #expect(SigV4Timestamp.adding(10, -20) == -10)
    }
}
