import IAMPolicy

/// Where a statement object begins and ends in its policy text, as the simulator reports it in
/// `StartPosition`/`EndPosition`: 1-based lines, and columns just after the opening `{` and just
/// after the closing `}` (AWS's example: a statement whose `{` is the 37th character of line 1
/// starts at column 38). Lines and columns count as `IAMPolicy`'s parser does (LF ends a line;
/// columns count Unicode scalars).
struct StatementSpan: Sendable, Hashable {
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    var start: Position
    var end: Position

    /// The span of the statement whose `{` is at `location` in `text`; nil if the text does not
    /// close it (never for a document that parsed).
    init?(statementAt location: SourceLocation, in text: String) {
        let bytes = Array(text.utf8)
        guard location.offset < bytes.count, bytes[location.offset] == UInt8(ascii: "{") else { return nil }
        var line = location.line
        var column = location.column
        var depth = 0
        var inString = false
        var escaped = false
        var index = location.offset
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    start = Position(line: location.line, column: location.column + 1)
                    end = Position(line: line, column: column + 1)
                    return
                }
            }
            index += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return nil
    }
}
