import IAMPolicyCatalog

/// Every condition key the catalog and the global key table know, with its types, looked up
/// case-insensitively. Keys with a placeholder (`aws:PrincipalTag/${TagKey}`,
/// `s3:ExistingObjectTag/<key>`, `elasticloadbalancing:ResourceTag/`) match any text there.
struct ConditionKeyIndex: Sendable {
    struct Entry: Sendable {
        /// The key as AWS writes it, e.g. `aws:PrincipalTag/${TagKey}`.
        var name: String
        /// Lowercased `*` glob for keys with a placeholder; `nil` for a literal key.
        var glob: String?
        var types: Set<ConditionKeyType>
    }

    enum Lookup: Sendable {
        case known(Entry)
        /// The prefix has keys, but not this one; `suggestion` is a close known key.
        case unknownKey(suggestion: String?)
        /// Nothing is known about the prefix (before the first colon).
        case unknownPrefix(String)
        /// A web-identity or OIDC provider's keys (`token.actions.githubusercontent.com:sub`):
        /// their names come from the provider, so they cannot be checked.
        case providerKey
    }

    private var literal: [String: Entry] = [:]
    private var patterns: [String: [Entry]] = [:]
    private var namesByPrefix: [String: [String]] = [:]

    init(catalog: ActionCatalog) {
        for (key, types) in GlobalConditionKeys.all { add(key, types) }
        for service in catalog.services.values {
            for (key, type) in service.conditionKeys { add(key, [ConditionKeyType(catalogName: type)]) }
        }
        for prefix in namesByPrefix.keys { namesByPrefix[prefix]?.sort() }
    }

    private mutating func add(_ key: String, _ types: [ConditionKeyType]) {
        let lower = key.lowercased()
        guard let colon = lower.firstIndex(of: ":") else { return }
        let prefix = String(lower[..<colon])
        if let glob = Self.glob(for: lower) {
            var list = patterns[prefix, default: []]
            if let i = list.firstIndex(where: { $0.glob == glob }) {
                list[i].types.formUnion(types)
            } else {
                list.append(Entry(name: key, glob: glob, types: Set(types)))
                namesByPrefix[prefix, default: []].append(key)
            }
            patterns[prefix] = list
        } else if literal[lower] != nil {
            literal[lower]?.types.formUnion(types)
        } else {
            literal[lower] = Entry(name: key, glob: nil, types: Set(types))
            namesByPrefix[prefix, default: []].append(key)
        }
    }

    /// `${...}` and `<...>` placeholders, a trailing `/` and a trailing `/tag-key` become `*`;
    /// `nil` when the key has no placeholder.
    static func glob(for key: String) -> String? {
        var out = ""
        var placeholder = false
        var rest = Substring(key)
        while let c = rest.first {
            let close: Character? = c == "$" && rest.dropFirst().first == "{" ? "}" : c == "<" ? ">" : nil
            if let close, let end = rest.firstIndex(of: close) {
                out += "*"
                placeholder = true
                rest = rest[rest.index(after: end)...]
            } else {
                out.append(c)
                rest = rest.dropFirst()
            }
        }
        if out.hasSuffix("/") {
            out += "*"
            placeholder = true
        } else if out.hasSuffix("/tag-key") {
            out = String(out.dropLast("tag-key".count)) + "*"
            placeholder = true
        }
        return placeholder ? out : nil
    }

    func lookup(_ key: String) -> Lookup {
        let lower = key.lowercased()
        guard let colon = lower.firstIndex(of: ":") else { return .unknownPrefix("") }
        if let entry = literal[lower] { return .known(entry) }
        let prefix = String(lower[..<colon])
        if let entry = patterns[prefix]?.first(where: { ActionCatalog.glob($0.glob ?? "", lower) }) {
            return .known(entry)
        }
        guard let names = namesByPrefix[prefix] else {
            return prefix.contains(".") || prefix.contains("/") ? .providerKey : .unknownPrefix(prefix)
        }
        return .unknownKey(suggestion: EditDistance.closest(to: lower, in: names.filter { !$0.contains("${") },
                                                            limit: EditDistance.typoLimit(for: lower)))
    }
}
