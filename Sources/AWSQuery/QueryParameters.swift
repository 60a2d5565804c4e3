/// A decoded Query request: the parameters of a form-encoded body or a query string.
///
/// Names are exact and case-sensitive (`UserName` is not `username`). Each name appears once; ``names`` keeps the
/// order of arrival. Lookups compare names as Swift strings (Unicode canonical equivalence) and the list readers
/// compare prefixes byte for byte; the two agree on every name AWS defines, all of which are ASCII. Lists, structures and maps are read with the flattening readers in
/// `QueryParameters+Lists.swift`, scalars with the typed readers in `QueryParameters+Scalars.swift`.
public struct QueryParameters: Sendable {
    /// The parameters in arrival order, each name once.
    public private(set) var pairs: [(name: String, value: String)]
    /// Where each name sits in `pairs`.
    private var positions: [String: Int]

    /// The longest accepted parameter name, in UTF-8 bytes after decoding.
    public static let maximumNameLength = 512

    /// Creates parameters from already-decoded pairs (tests, nested structures, merged sources).
    ///
    /// The pairs are trusted: when a name repeats, the last value wins and the name keeps its first position.
    /// Untrusted input goes through ``init(formEncoded:maximumParameters:)``, which rejects repeats.
    public init(_ pairs: [(String, String)]) {
        self.pairs = []
        self.positions = [:]
        self.pairs.reserveCapacity(pairs.count)
        for (name, value) in pairs {
            if let position = positions[name] {
                self.pairs[position].value = value
            } else {
                positions[name] = self.pairs.count
                self.pairs.append((name: name, value: value))
            }
        }
    }

    /// Decodes `a=1&b=x%20y&c`: `&` separates parameters, the first `=` separates a name from its value, `+` is a
    /// space, `%XX` is a byte, and a name without `=` has the value "". Empty segments (`a=1&&b=2`, a trailing `&`)
    /// are skipped.
    ///
    /// Throws `MalformedQueryString` (HTTP 400) for invalid percent-encoding, invalid UTF-8 after decoding, an empty
    /// name, a name longer than ``maximumNameLength`` bytes, more than `maximumParameters` parameters, or a repeated
    /// name.
    ///
    /// Repeated names are rejected rather than resolved (first or last wins): AWS SDKs and the CLI never send one
    /// (botocore's serializers build a dictionary, so each name occurs once), and picking a winner would let two
    /// readers of one request (the authorizer and a handler, or a proxy in front of Warden) disagree about what was
    /// asked. AWS documents no behaviour here; refusing is the choice that cannot be exploited.
    public init(formEncoded: String, maximumParameters: Int = 1_000) throws(QueryDecodingError) {
        let segments = formEncoded.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        guard segments.count <= maximumParameters else {
            throw .malformed("more than \(maximumParameters) parameters")
        }
        self.pairs = []
        self.positions = [:]
        pairs.reserveCapacity(segments.count)
        positions.reserveCapacity(segments.count)
        for segment in segments {
            let (name, value) = try Self.decodePair(Substring(segment))
            guard positions[name] == nil else {
                throw .malformed("the parameter \(QueryDecodingError.quoted(name)) appears more than once")
            }
            positions[name] = pairs.count
            pairs.append((name: name, value: value))
        }
    }

    /// The value of `name`, or nil when the request doesn't carry it.
    public subscript(_ name: String) -> String? {
        guard let position = positions[name] else { return nil }
        return pairs[position].value
    }

    /// Every parameter name, in arrival order.
    public var names: [String] { pairs.map(\.name) }

    /// The number of parameters.
    public var count: Int { pairs.count }

    /// True when there are no parameters.
    public var isEmpty: Bool { pairs.isEmpty }

    /// The `Action` parameter: the operation name.
    public var action: String? { self["Action"] }

    /// The `Version` parameter: the API version (`2010-05-08` for IAM, `2011-06-15` for STS, `2016-11-15` for EC2).
    public var version: String? { self["Version"] }

    /// These parameters plus `other`'s (for a request that carries some in the query string and some in the body).
    /// A name present in both is rejected like a repeat within one source.
    public func merging(_ other: QueryParameters) throws(QueryDecodingError) -> QueryParameters {
        var merged = self
        for (name, value) in other.pairs {
            guard merged.positions[name] == nil else {
                throw .malformed("the parameter \(QueryDecodingError.quoted(name)) appears more than once")
            }
            merged.positions[name] = merged.pairs.count
            merged.pairs.append((name: name, value: value))
        }
        return merged
    }

    /// Splits `name=value` at the first `=` and decodes both halves.
    private static func decodePair(_ segment: Substring) throws(QueryDecodingError) -> (String, String) {
        let rawName: Substring
        let rawValue: Substring
        if let equals = segment.utf8.firstIndex(of: UInt8(ascii: "=")) {
            rawName = Substring(segment.utf8[..<equals])
            rawValue = Substring(segment.utf8[segment.utf8.index(after: equals)...])
        } else {
            rawName = segment
            rawValue = ""
        }
        // Each decoded byte takes at most three encoded ones: a longer raw name is too long without decoding it.
        guard rawName.utf8.count <= maximumNameLength * 3 else { throw nameTooLong() }
        guard let name = PercentEncoding.decode(rawName, plusIsSpace: true) else {
            throw .malformed("invalid percent-encoding or UTF-8 in a parameter name")
        }
        guard !name.isEmpty else { throw .malformed("a parameter has an empty name") }
        guard name.utf8.count <= maximumNameLength else { throw nameTooLong() }
        guard let value = PercentEncoding.decode(rawValue, plusIsSpace: true) else {
            throw .malformed("invalid percent-encoding or UTF-8 in the value of \(QueryDecodingError.quoted(name))")
        }
        return (name, value)
    }

    private static func nameTooLong() -> QueryDecodingError {
        .malformed("a parameter name is longer than \(maximumNameLength) bytes")
    }
}
