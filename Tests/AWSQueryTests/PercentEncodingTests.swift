import Testing

@testable import AWSQuery

@Suite("Percent-encoding")
struct PercentEncodingTests {
    @Test("encoding matches botocore's percent_encode byte for byte")
    func encodeMatchesBotocore() {
        #expect(PercentEncoding.encode(BotocoreGolden.policyDocument) == BotocoreGolden.policyDocumentPercentEncoded)
        // botocore.utils.percent_encode('a b+c%d&e=f/ü~_.-*')
        #expect(PercentEncoding.encode("a b+c%d&e=f/\u{FC}~_.-*") == "a%20b%2Bc%25d%26e%3Df%2F%C3%BC~_.-%2A")
        #expect(PercentEncoding.encode("") == "")
        #expect(PercentEncoding.encode("AZaz09-_.~") == "AZaz09-_.~")
    }

    @Test("a policy document round-trips through encode and decode")
    func roundTrip() {
        let document = BotocoreGolden.policyDocument
        #expect(PercentEncoding.decode(PercentEncoding.encode(document), plusIsSpace: false) == document)
        #expect(PercentEncoding.decode(PercentEncoding.encode(document), plusIsSpace: true) == document)
        #expect(PercentEncoding.decode(BotocoreGolden.policyDocumentPercentEncoded, plusIsSpace: false) == document)
    }

    @Test("every byte value round-trips")
    func everyScalar() {
        let text = String(String.UnicodeScalarView((0...0x7F).compactMap(Unicode.Scalar.init))) + "\u{7FF}\u{FFFD}\u{10FFFF}"
        #expect(PercentEncoding.decode(PercentEncoding.encode(text), plusIsSpace: true) == text)
    }

    @Test("plus is a space only when asked; hex digits may be lowercase")
    func decodeOptions() {
        #expect(PercentEncoding.decode("a+b%2B", plusIsSpace: true) == "a b+")
        #expect(PercentEncoding.decode("a+b%2b", plusIsSpace: false) == "a+b+")
        #expect(PercentEncoding.decode("%c3%bc", plusIsSpace: false) == "\u{FC}")
        #expect(PercentEncoding.decode("plain", plusIsSpace: true) == "plain")
    }

    @Test(
        "malformed sequences and invalid UTF-8 decode to nil",
        arguments: ["%", "%4", "%G1", "%ZZ", "%%", "%FF%FE", "%C3", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%C0%AF", "a%2"])
    func decodeFailures(_ text: String) {
        #expect(PercentEncoding.decode(text, plusIsSpace: true) == nil)
    }
}
