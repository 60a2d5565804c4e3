import Testing

@testable import AWSQuery

@Suite("Hostile form input throws, never traps")
struct HostileInputTests {
    @Test(
        "bad percent-encoding is MalformedQueryString",
        arguments: ["a=%", "a=%4", "a=%G1", "a=%ZZ", "a=%%41", "%=1", "a%=1", "a=%FF%FE", "a=%C3", "a=%ED%A0%80", "%FF=1"])
    func badPercentEncoding(_ body: String) {
        let error = #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: body) }
        #expect(error?.code == "MalformedQueryString")
        #expect(error?.httpStatus == 400)
        #expect(error?.message.hasPrefix("The query string contains a syntax error") == true)
    }

    @Test("an empty name is refused", arguments: ["=1", "a=1&=2", "=", "&=&"])
    func emptyName(_ body: String) {
        let error = #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: body) }
        #expect(error?.code == "MalformedQueryString")
    }

    @Test("a space is a name, not an empty one")
    func spaceName() throws {
        #expect(try QueryParameters(formEncoded: "%20=1")[" "] == "1")
        // `+` and `%20` both decode to a space, so this is a repeat.
        #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: "%20=1&+=2") }
    }

    @Test("10,000 parameters are refused; exactly the maximum is accepted")
    func tooManyParameters() throws {
        let body = (1...10_000).map { "p\($0)=v" }.joined(separator: "&")
        let error = #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: body) }
        #expect(error?.code == "MalformedQueryString")
        #expect(error?.message.contains("more than 1000 parameters") == true)

        let thousand = (1...1_000).map { "p\($0)=v" }.joined(separator: "&")
        #expect(try QueryParameters(formEncoded: thousand).count == 1_000)
        #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: thousand, maximumParameters: 999) }
    }

    @Test("a 100 KB name is refused without being echoed")
    func hugeName() {
        let name = String(repeating: "N", count: 100_000)
        let error = #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: name + "=1") }
        #expect(error?.code == "MalformedQueryString")
        #expect((error?.message.utf8.count ?? .max) < 200)
        #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: name) }
    }

    @Test("the name limit is 512 bytes after decoding")
    func nameLimit() throws {
        let exact = String(repeating: "a", count: 512)
        #expect(try QueryParameters(formEncoded: exact + "=1")[exact] == "1")
        #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: exact + "a=1") }
        // 512 encoded bytes: 1,536 characters of `%41` that decode to 512 `A`s.
        let encoded = String(repeating: "%41", count: 512)
        #expect(try QueryParameters(formEncoded: encoded + "=1").names == [String(repeating: "A", count: 512)])
        #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: encoded + "%41=1") }
        // A repeated error message never carries the whole hostile name.
        let long = String(repeating: "x", count: 400)
        let error = #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: "\(long)=1&\(long)=2") }
        #expect((error?.message.count ?? .max) < 200)
    }

    @Test("a large value is fine; the body limit belongs to the server")
    func largeValue() throws {
        let value = String(repeating: "%41", count: 50_000)
        #expect(try QueryParameters(formEncoded: "Doc=" + value)["Doc"]?.count == 50_000)
    }

    @Test("control characters and NUL decode as data")
    func controlCharacters() throws {
        let parameters = try QueryParameters(formEncoded: "a=%00%01%0D%0A")
        #expect(parameters["a"] == "\u{0}\u{1}\r\n")
    }
}
