import AWSQuery

enum ConsoleURL {
    /// Percent-encodes a query value or path component.
    static func encode(_ text: String) -> String { PercentEncoding.encode(text) }
}
