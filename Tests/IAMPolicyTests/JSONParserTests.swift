@testable import IAMPolicy
import Testing

/// Every expected line and column below was counted by hand from the input text: columns are
/// 1-based and count Unicode scalars; offsets are 0-based UTF-8 byte offsets.
@Suite("JSON parser")
struct JSONParserTests {
    /// One malformed input with the error it must produce.
    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let message: String
        /// `line:column`, as `SourceLocation.description` prints it.
        let position: String

        var testDescription: String { name }
    }

    /// Parses `text`, which must be malformed; records an issue when it parses.
    private static func syntaxError(
        _ text: String, maximumDepth: Int = JSONParser.defaultMaximumDepth,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> JSONSyntaxError? {
        do {
            let node = try JSONParser.parse(text, maximumDepth: maximumDepth)
            Issue.record("expected a syntax error, parsed a \(node.typeName)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Malformed documents

    static let commasAndColons: [Malformed] = [
        Malformed(name: "trailing comma in an object", text: "{\n  \"a\": 1,\n}",
                  message: "trailing comma before `}`", position: "3:1"),
        Malformed(name: "trailing comma in a nested array", text: "{\"a\": [\n  1,\n  2,\n]}",
                  message: "trailing comma before `]`", position: "4:1"),
        Malformed(name: "trailing comma in a one-line array", text: "[1, 2, ]",
                  message: "trailing comma before `]`", position: "1:8"),
        Malformed(name: "missing comma between members", text: "{\n  \"a\": 1\n  \"b\": 2\n}",
                  message: "expected `,` or `}` after an object member", position: "3:3"),
        Malformed(name: "missing comma between elements", text: "[1 2]",
                  message: "expected `,` or `]` after an array element", position: "1:4"),
        Malformed(name: "missing colon", text: #"{"a" 1}"#,
                  message: "expected `:` after the key `a`", position: "1:6"),
        Malformed(name: "doubled comma in an object", text: #"{"a": 1,, "b": 2}"#,
                  message: "expected a string key in double quotes", position: "1:9"),
        Malformed(name: "doubled comma in an array", text: "[1,,2]",
                  message: "unexpected character `,`, expected a value", position: "1:4"),
        Malformed(name: "object cut after a value", text: #"{"a": 1"#,
                  message: "unexpected end of input inside an object", position: "1:8"),
        Malformed(name: "array cut after a value", text: "[1, 2",
                  message: "unexpected end of input inside an array", position: "1:6"),
        Malformed(name: "unquoted key", text: "{Version: 1}",
                  message: "expected a string key in double quotes", position: "1:2"),
    ]

    @Test("commas and colons in the wrong place report their line and column", arguments: commasAndColons)
    func misplacedPunctuation(_ c: Malformed) throws {
        let error = try #require(Self.syntaxError(c.text))
        #expect(error.message == c.message)
        #expect("\(error.location)" == c.position)
    }

    @Test("a trailing comma reports its byte offset too")
    func trailingCommaOffset() throws {
        let error = try #require(Self.syntaxError("{\n  \"a\": 1,\n}"))
        // "{\n" is 2 bytes and "  \"a\": 1,\n" is 10.
        #expect(error.location == IAMPolicy.SourceLocation(line: 3, column: 1, offset: 12))
    }

    static let strings: [Malformed] = [
        Malformed(name: "unterminated string value", text: "{\n  \"a\": \"abc",
                  message: "unterminated string", position: "2:12"),
        Malformed(name: "unterminated key", text: #"{"Versi"#, message: "unterminated string", position: "1:8"),
        Malformed(name: "backslash at the end", text: #"["abc\"#,
                  message: "unterminated escape sequence", position: "1:7"),
        Malformed(name: "short \\u escape at the end", text: #"["\u12"#,
                  message: "unterminated `\\u` escape", position: "1:7"),
        Malformed(name: "non-hex digit in \\u", text: #"["\u12G4"]"#,
                  message: "invalid hex digit in `\\u` escape", position: "1:7"),
        // Surrogate errors are found, and reported, just after the `\u` escape that cannot be paired.
        Malformed(name: "high surrogate then the closing quote", text: #"["\uD800"]"#,
                  message: "unpaired surrogate in `\\u` escape", position: "1:9"),
        Malformed(name: "high surrogate then a letter", text: #"["\uD800x"]"#,
                  message: "unpaired surrogate in `\\u` escape", position: "1:9"),
        Malformed(name: "high surrogate then another escape", text: #"["\uD800\n"]"#,
                  message: "unpaired surrogate in `\\u` escape", position: "1:10"),
        Malformed(name: "high surrogate then a non-surrogate", text: #"["\uD800\u0041"]"#,
                  message: "unpaired surrogate in `\\u` escape", position: "1:15"),
        Malformed(name: "lone low surrogate", text: #"["\uDC00"]"#,
                  message: "unpaired surrogate in `\\u` escape", position: "1:9"),
        Malformed(name: "raw tab in a string", text: "[\"a\tb\"]",
                  message: "control character in a string must be escaped", position: "1:4"),
        Malformed(name: "raw line feed in a string", text: "{\"a\": \"line one\nline two\"}",
                  message: "control character in a string must be escaped", position: "1:16"),
        Malformed(name: "NUL in a string", text: "[\"\u{0}\"]",
                  message: "control character in a string must be escaped", position: "1:3"),
    ]

    @Test("bad strings and escapes report their line and column", arguments: strings)
    func badStrings(_ c: Malformed) throws {
        let error = try #require(Self.syntaxError(c.text))
        #expect(error.message == c.message)
        #expect("\(error.location)" == c.position)
    }

    @Test("an invalid escape is reported at its escape character")
    func invalidEscapeLocation() throws {
        // `["a\qb"]`: the `q` is column 5.
        let letter = try #require(Self.syntaxError(#"["a\qb"]"#))
        #expect(letter.message == "invalid escape `\\q`")
        // A backslash before a raw line feed: the line feed is line 1, column 4.
        let newline = try #require(Self.syntaxError("[\"\\\n\"]"))
        #expect(newline.message == "invalid escape `\\0xA`")
        do {
            #expect("\(letter.location)" == "1:5")
            #expect("\(newline.location)" == "1:4")
        }
    }

    static let numbersAndLiterals: [Malformed] = [
        Malformed(name: "leading zero", text: "[01]", message: "invalid number: leading zero", position: "1:3"),
        Malformed(name: "negative leading zeros", text: #"{"a": -007}"#,
                  message: "invalid number: leading zero", position: "1:9"),
        Malformed(name: "bare minus", text: "[-]", message: "invalid number", position: "1:3"),
        Malformed(name: "no digit after the point", text: "[1.]",
                  message: "invalid number: digit expected after `.`", position: "1:4"),
        Malformed(name: "no digit in the exponent", text: "[1e+]",
                  message: "invalid number: digit expected in exponent", position: "1:5"),
        Malformed(name: "leading point", text: "[.5]", message: "unexpected character `.`, expected a value",
                  position: "1:2"),
        Malformed(name: "leading plus", text: "[+1]", message: "unexpected character `+`, expected a value",
                  position: "1:2"),
        Malformed(name: "misspelt true", text: "[tru]", message: "invalid literal, expected `true`", position: "1:2"),
        Malformed(name: "misspelt null", text: "[1, nulL]", message: "invalid literal, expected `null`",
                  position: "1:5"),
        Malformed(name: "capitalised True", text: #"{"a": True}"#,
                  message: "unexpected character `T`, expected a value", position: "1:7"),
        Malformed(name: "empty input", text: "", message: "unexpected end of input, expected a value",
                  position: "1:1"),
        Malformed(name: "only whitespace", text: "  \n ", message: "unexpected end of input, expected a value",
                  position: "2:2"),
    ]

    @Test("bad numbers and literals report their line and column", arguments: numbersAndLiterals)
    func badNumbers(_ c: Malformed) throws {
        let error = try #require(Self.syntaxError(c.text))
        #expect(error.message == c.message)
        #expect("\(error.location)" == c.position)
    }

    // MARK: - Duplicate keys

    @Test("a duplicate key is reported at the second key")
    func duplicateKey() throws {
        let text = """
            {
              "Version": "2012-10-17",
              "Version": "2008-10-17"
            }
            """
        let error = try #require(Self.syntaxError(text))
        #expect(error.message == "duplicate key `Version`")
        // Line 1 is 2 bytes, line 2 is 27, then two spaces.
        #expect(error.location == IAMPolicy.SourceLocation(line: 3, column: 3, offset: 31))
    }

    @Test("a duplicate key inside a statement is reported at the second key")
    func nestedDuplicateKey() throws {
        let text = """
            {"Statement": [
              {"Effect": "Allow",
               "Effect": "Deny"}
            ]}
            """
        let error = try #require(Self.syntaxError(text))
        #expect(error.message == "duplicate key `Effect`")
        #expect("\(error.location)" == "3:4")
    }

    @Test("keys are compared after their escapes are decoded")
    func duplicateKeyThroughEscape() throws {
        let error = try #require(Self.syntaxError(#"{"a": 1, "\u0061": 2}"#))
        #expect(error.message == "duplicate key `a`")
        #expect("\(error.location)" == "1:10")
    }

    // MARK: - Limits

    @Test("ten thousand nested arrays throw at the 33rd level instead of crashing")
    func deepArrays() throws {
        let error = try #require(Self.syntaxError(String(repeating: "[", count: 10_000)))
        #expect(error.message == "nesting deeper than 32 levels")
        #expect(error.location == IAMPolicy.SourceLocation(line: 1, column: 33, offset: 32))
    }

    @Test("ten thousand nested objects throw at the 33rd level instead of crashing")
    func deepObjects() throws {
        let error = try #require(Self.syntaxError(String(repeating: #"{"a":"#, count: 10_000)))
        #expect(error.message == "nesting deeper than 32 levels")
        // Each level is 5 characters, so the 33rd `{` starts at offset 160.
        #expect(error.location == IAMPolicy.SourceLocation(line: 1, column: 161, offset: 160))
    }

    @Test("exactly 32 levels of nesting parse")
    func thirtyTwoLevels() throws {
        let text = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(JSONRender.render(try JSONParser.parse(text)) == text)
    }

    @Test("a smaller maximum depth is honoured")
    func customDepth() throws {
        let error = try #require(Self.syntaxError("[[[]]]", maximumDepth: 2))
        #expect(error.message == "nesting deeper than 2 levels")
        #expect("\(error.location)" == "1:3")
    }

    @Test("a deeply nested policy is a JSON syntax error for the policy parser")
    func deepPolicy() throws {
        let text = #"{"Statement": "# + String(repeating: "[", count: 10_000)
        let error = try #require(#expect(throws: PolicyParseError.self) { try PolicyParser.parse(text) })
        #expect(error.code == .jsonSyntax)
        #expect(error.awsMessage == "Syntax errors in policy.")
        // The root object is level 1, so the 32nd `[` (column 14 + 32) is level 33.
        #expect("\(error.location)" == "1:46")
    }

    @Test("a 2 MB document is refused before parsing with tooLarge")
    func twoMegabytes() throws {
        let text = #"{"Statement": ["# + String(repeating: #""x","#, count: 500_000) + #""x"]}"#
        #expect(text.utf8.count > 2_000_000)
        let error = try #require(#expect(throws: PolicyParseError.self) { try PolicyParser.parse(text) })
        #expect(error.code == .tooLarge)
        #expect(error.awsMessage == "Syntax errors in policy.")
        #expect("\(error.location)" == "1:1")
    }

    @Test("a document of exactly the maximum size is parsed, one byte more is refused")
    func sizeBoundary() throws {
        let policy = #"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#
        let padding = PolicyParser.maximumTextBytes - policy.utf8.count
        let atLimit = policy + String(repeating: " ", count: padding)
        #expect(try PolicyParser.parse(atLimit).nonWhitespaceLength == policy.filter { $0 != " " }.count)
        let error = try #require(#expect(throws: PolicyParseError.self) { try PolicyParser.parse(atLimit + " ") })
        #expect(error.code == .tooLarge)
    }

    // MARK: - Positions in non-ASCII text and after the value

    @Test("a two-byte character counts as one column")
    func twoByteColumn() throws {
        let error = try #require(Self.syntaxError(#"{"é": 1,}"#))
        #expect(error.message == "trailing comma before `}`")
        #expect(error.location == IAMPolicy.SourceLocation(line: 1, column: 9, offset: 9))
    }

    @Test("a four-byte emoji counts as one column")
    func emojiColumn() throws {
        let error = try #require(Self.syntaxError(#"["😀" 1]"#))
        #expect(error.message == "expected `,` or `]` after an array element")
        #expect(error.location == IAMPolicy.SourceLocation(line: 1, column: 6, offset: 8))
    }

    @Test("Cyrillic and CJK text before an error on a later line count one column per character")
    func multiByteSecondLine() throws {
        let text = """
            {"名前": "値",
             "ключ": "значение" "x": 1}
            """
        let error = try #require(Self.syntaxError(text))
        #expect(error.message == "expected `,` or `}` after an object member")
        // Line 1 is 17 bytes plus the line feed; line 2 has 32 bytes before `"x"`.
        #expect(error.location == IAMPolicy.SourceLocation(line: 2, column: 21, offset: 50))
    }

    static let textAfterValue: [Malformed] = [
        Malformed(name: "a word after an object", text: "{} x", message: "unexpected text after the JSON value",
                  position: "1:4"),
        Malformed(name: "an extra closing brace", text: #"{"a": 1}}"#,
                  message: "unexpected text after the JSON value", position: "1:9"),
        Malformed(name: "a bracket two lines later", text: "[1]\n\n  ]",
                  message: "unexpected text after the JSON value", position: "3:3"),
        Malformed(name: "a second document", text: "{}\n{}", message: "unexpected text after the JSON value",
                  position: "2:1"),
    ]

    @Test("text after the value is an error at its position", arguments: textAfterValue)
    func trailingText(_ c: Malformed) throws {
        let error = try #require(Self.syntaxError(c.text))
        #expect(error.message == c.message)
        #expect("\(error.location)" == c.position)
    }

    @Test("CRLF line endings count one line each")
    func crlf() throws {
        let error = try #require(Self.syntaxError("{\r\n  \"a\": 1,\r\n}"))
        #expect(error.message == "trailing comma before `}`")
        #expect("\(error.location)" == "3:1")
    }

    // MARK: - Well-formed documents

    @Test("whitespace after the value is allowed")
    func trailingWhitespace() throws {
        #expect(JSONRender.render(try JSONParser.parse(" {}\n\t \r\n")) == "{}")
    }

    @Test("numbers keep their source text")
    func numberText() throws {
        let node = try JSONParser.parse("[10.0, -0, 1E+5, 0.50, 12345678901234567890]")
        #expect(JSONRender.render(node) == "[10.0,-0,1E+5,0.50,12345678901234567890]")
    }

    @Test("every escape decodes, including a surrogate pair")
    func escapes() throws {
        let node = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]"#)
        #expect(node.arrayValue?.first?.stringValue == "\"\\/\u{8}\u{C}\n\r\té😀")
    }

    @Test("values and keys carry their own locations")
    func locations() throws {
        let text = """
            {
              "a": [true, null],
              "b": {"c": "d"}
            }
            """
        let root = try JSONParser.parse(text)
        #expect("\(root.location)" == "1:1")
        let members = try #require(root.objectValue)
        #expect(members.map(\.key) == ["a", "b"])
        #expect("\(members[0].keyLocation)" == "2:3")
        #expect("\(members[0].value.location)" == "2:8")
        let elements = try #require(members[0].value.arrayValue)
        #expect(elements.map { "\($0.location)" } == ["2:9", "2:15"])
        #expect("\(members[1].keyLocation)" == "3:3")
        let inner = try #require(members[1].value.objectValue)
        #expect("\(inner[0].keyLocation)" == "3:9")
        #expect("\(inner[0].value.location)" == "3:14")
        #expect(root["b"]?["c"]?.stringValue == "d")
    }
}
