/// A position in a policy document's text: 1-based line and column (columns count Unicode
/// scalars), plus the 0-based UTF-8 byte offset.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    public var description: String { "\(line):\(column)" }
}
