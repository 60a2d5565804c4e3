/// A strict RFC 8259 JSON parser that records the location of every value and object key,
/// rejects duplicate keys, trailing commas and over-deep nesting, and never traps on bad input.
package struct JSONParser {
    /// Deepest nesting of arrays and objects accepted. A policy needs 5; the rest is hostile.
    package static let defaultMaximumDepth = 32

    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var index = 0
    private var line = 1
    private var column = 1

    private init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Parses one JSON document; anything but whitespace after it is an error.
    package static func parse(
        _ text: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes: Array(text.utf8), maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.error("unexpected text after the JSON value")
        }
        return value
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: index) }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, location: location)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(JSONSyntaxError) {
        guard current == byte else { throw error(message) }
        advance()
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        let start = location
        guard let byte = current else { throw error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), at: start)
        case UInt8(ascii: "t"): try parseLiteral("true"); return JSONNode(.bool(true), at: start)
        case UInt8(ascii: "f"): try parseLiteral("false"); return JSONNode(.bool(false), at: start)
        case UInt8(ascii: "n"): try parseLiteral("null"); return JSONNode(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), at: start)
        default:
            throw error("unexpected character `\(Self.printable(byte))`, expected a value")
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let start = location
        let expected = word.withUTF8Buffer { Array($0) }
        for byte in expected {
            guard current == byte else {
                throw JSONSyntaxError(message: "invalid literal, expected `\(word)`", location: start)
            }
            advance()
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        let start = location
        guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
        advance()  // {
        var members: [JSONMember] = []
        var seen: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return JSONNode(.object(members), at: start)
        }
        while true {
            skipWhitespace()
            let keyLocation = location
            guard current == UInt8(ascii: "\"") else {
                if current == UInt8(ascii: "}") { throw error("trailing comma before `}`") }
                if current == nil { throw error("unexpected end of input inside an object") }
                throw error("expected a string key in double quotes")
            }
            let key = try parseString()
            guard seen.insert(key).inserted else {
                throw JSONSyntaxError(message: "duplicate key `\(key)`", location: keyLocation)
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected `:` after the key `\(key)`")
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, keyLocation: keyLocation, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"): advance(); return JSONNode(.object(members), at: start)
            case nil: throw error("unexpected end of input inside an object")
            default: throw error("expected `,` or `}` after an object member")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        let start = location
        guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
        advance()  // [
        var elements: [JSONNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return JSONNode(.array(elements), at: start)
        }
        while true {
            skipWhitespace()
            if current == UInt8(ascii: "]") { throw error("trailing comma before `]`") }
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"): advance(); return JSONNode(.array(elements), at: start)
            case nil: throw error("unexpected end of input inside an array")
            default: throw error("expected `,` or `]` after an array element")
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let startIndex = index
        if current == UInt8(ascii: "-") { advance() }
        guard let first = current, Self.isDigit(first) else { throw error("invalid number") }
        if first == UInt8(ascii: "0") {
            advance()
            if let next = current, Self.isDigit(next) { throw error("invalid number: leading zero") }
        } else {
            while let c = current, Self.isDigit(c) { advance() }
        }
        if current == UInt8(ascii: ".") {
            advance()
            guard let c = current, Self.isDigit(c) else { throw error("invalid number: digit expected after `.`") }
            while let c = current, Self.isDigit(c) { advance() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard let c = current, Self.isDigit(c) else { throw error("invalid number: digit expected in exponent") }
            while let c = current, Self.isDigit(c) { advance() }
        }
        return String(decoding: bytes[startIndex..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        advance()  // opening quote
        var out: [UInt8] = []
        var runStart = index
        while true {
            guard let byte = current else { throw error("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<index])
                advance()
                break
            }
            if byte < 0x20 { throw error("control character in a string must be escaped") }
            if byte == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &out)
                runStart = index
                continue
            }
            advance()
        }
        guard let string = String(validating: out, as: UTF8.self) else {
            throw error("string is not valid UTF-8")
        }
        return string
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONSyntaxError) {
        advance()  // backslash
        let escapeLocation = location
        guard let byte = current else { throw error("unterminated escape sequence") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard current == UInt8(ascii: "\\") else { throw error("unpaired surrogate in `\\u` escape") }
                advance()
                guard current == UInt8(ascii: "u") else { throw error("unpaired surrogate in `\\u` escape") }
                advance()
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in `\\u` escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate in `\\u` escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid `\\u` escape") }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw JSONSyntaxError(message: "invalid escape `\\\(Self.printable(byte))`", location: escapeLocation)
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw error("unterminated `\\u` escape") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in `\\u` escape")
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func printable(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
    }
}
