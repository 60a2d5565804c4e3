/// An HTTP request as the server received it, reduced to what SigV4 signs.
///
/// Nothing here is decoded or normalized: the path and query are the raw wire strings and the
/// headers keep their received names, order and repetitions. Canonicalization happens in ``SigV4``.
public struct SigV4Request: Sendable {
    /// The HTTP method, e.g. `GET` or `POST`.
    public var method: String
    /// The path as received on the wire (still percent-encoded), e.g. "/" or "/a%20b".
    public var path: String
    /// The raw query string without "?", as received ("" when none).
    public var query: String
    /// Every header as received (names in any case; repeated names allowed, in order).
    public var headers: [(name: String, value: String)]

    /// Creates a request from its wire parts.
    public init(method: String, path: String, query: String, headers: [(name: String, value: String)]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }
}

extension SigV4Request {
    /// The values of every header called `name` (ASCII case-insensitive), in received order.
    func headerValues(_ lowercasedName: String) -> [String] {
        headers.compactMap { header in
            SigV4CanonicalHeaders.lowercasedASCII(header.name).hasSameBytes(as: lowercasedName) ? header.value : nil
        }
    }

    /// The header's values, each trimmed and whitespace-collapsed and joined with "," as in the
    /// canonical request; `nil` when the header is absent.
    func canonicalHeaderValue(_ lowercasedName: String) -> String? {
        let values = headerValues(lowercasedName)
        guard !values.isEmpty else { return nil }
        return values.map(SigV4CanonicalHeaders.normalizedValue).joined(separator: ",")
    }
}
