/// The condition keys of a request: case-insensitive names, each with one value or several.
/// Built once per request; the engine never adds keys of its own (time, MFA, user name all
/// arrive from the caller).
public struct RequestContext: Sendable {
    struct Entry: Sendable {
        var values: [ContextValue]
        var isMultiValued: Bool
    }

    private(set) var entries: [String: Entry] = [:]

    public init() {}

    public init(_ values: [String: ContextValue]) {
        for (key, value) in values { set(key, value) }
    }

    public static let empty = RequestContext()

    /// Sets a single-valued key (replacing any value).
    public mutating func set(_ key: String, _ value: ContextValue) {
        entries[key.lowercased()] = Entry(values: [value], isMultiValued: false)
    }

    /// Sets a multi-valued key such as `aws:TagKeys` (an empty list is an empty set).
    public mutating func set(_ key: String, values: [ContextValue]) {
        entries[key.lowercased()] = Entry(values: values, isMultiValued: true)
    }

    public mutating func remove(_ key: String) {
        entries[key.lowercased()] = nil
    }

    /// The values of a key (any case); `nil` when the key is absent.
    public func values(_ key: String) -> [ContextValue]? {
        entries[key.lowercased()]?.values
    }

    @inline(__always)
    func entry(forLowercasedKey key: String) -> Entry? {
        entries[key]
    }

    /// What `${key}` resolves to: single-valued keys only.
    func variableValue(forLowercasedKey key: String) -> String? {
        guard let entry = entries[key], !entry.isMultiValued, entry.values.count == 1 else { return nil }
        return entry.values[0].text
    }

    /// Every key and its values, sorted by key (lowercased), for explanations.
    public var sortedEntries: [(key: String, values: [ContextValue])] {
        entries.keys.sorted().compactMap { key in entries[key].map { (key, $0.values) } }
    }
}
