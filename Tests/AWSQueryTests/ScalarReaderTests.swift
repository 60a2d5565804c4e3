import Testing

@testable import AWSQuery

@Suite("Typed scalar readers")
struct ScalarReaderTests {
    private func read(_ value: String) -> QueryParameters {
        QueryParameters([("Value", value)])
    }

    @Test("integers parse within Int's range")
    func integers() throws {
        #expect(try read("0").int("Value") == 0)
        #expect(try read("1000").int("Value") == 1_000)
        #expect(try read("-5").int("Value") == -5)
        #expect(try read("007").int("Value") == 7)
        #expect(try read("9223372036854775807").int("Value") == Int.max)
        #expect(try read("-9223372036854775808").int("Value") == Int.min)
        #expect(try read("1").int("Missing") == nil)
    }

    @Test(
        "malformed integers are ValidationErrors",
        arguments: ["", "-", "+1", " 1", "1 ", "1.0", "1e3", "abc", "0x10", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999999", "\u{0661}"])
    func badIntegers(_ text: String) {
        let error = #expect(throws: QueryDecodingError.self) { try read(text).int("Value") }
        #expect(error?.code == "ValidationError")
        #expect(error?.httpStatus == 400)
        #expect(error?.message.contains("'Value'") == true)
    }

    @Test("booleans are true or false in any case")
    func booleans() throws {
        #expect(try read("true").bool("Value") == true)
        #expect(try read("false").bool("Value") == false)
        #expect(try read("TRUE").bool("Value") == true)
        #expect(try read("False").bool("Value") == false)
        #expect(try read("true").bool("Missing") == nil)
    }

    @Test("malformed booleans are ValidationErrors", arguments: ["", "1", "0", "yes", "t", " true", "truee"])
    func badBooleans(_ text: String) {
        let error = #expect(throws: QueryDecodingError.self) { try read(text).bool("Value") }
        #expect(error?.code == "ValidationError")
    }
}
