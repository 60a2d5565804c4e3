/// Readers for the Query protocol's flattened lists, structures and maps.
///
/// Every index must be a positive integer without leading zeros; the items must be numbered 1, 2, 3, ... without gaps;
/// an index above `limit` is refused before it is converted, so `member.99999999999999999999` cannot overflow.
/// Problems throw `ValidationError` (EC2 callers use ``QueryDecodingError/ec2Equivalent``).
extension QueryParameters {
    /// `Prefix.member.1`, `Prefix.member.2`, ... in index order; nil when the request has no such parameter.
    /// `Prefix=` with an empty value (how botocore sends an empty list) gives `[]`.
    public func list(_ prefix: String, limit: Int = 1_000) throws(QueryDecodingError) -> [String]? {
        let items = try collect(prefix + ".member.", display: prefix + ".member.N", limit: limit, structured: false)
        guard let items else { return try emptyListMarker(prefix) }
        return items.map { $0.first?.1 ?? "" }
    }

    /// Lists of structures: `Tags.member.1.Key`, `Tags.member.1.Value`, ... give one `QueryParameters` per item
    /// holding the rest of each name (`Key`, `Value`). nil when absent; `Prefix=` gives `[]`.
    public func structureList(
        _ prefix: String, limit: Int = 1_000
    ) throws(QueryDecodingError) -> [QueryParameters]? {
        let items = try collect(prefix + ".member.", display: prefix + ".member.N", limit: limit, structured: true)
        guard let items else { return try emptyListMarker(prefix).map { _ in [] } }
        return items.map { QueryParameters($0) }
    }

    /// EC2-style lists without `member`: `InstanceId.1`, `InstanceId.2`, ...; nil when absent.
    public func flatList(_ prefix: String, limit: Int = 1_000) throws(QueryDecodingError) -> [String]? {
        let items = try collect(prefix + ".", display: prefix + ".N", limit: limit, structured: false)
        return items?.map { $0.first?.1 ?? "" }
    }

    /// EC2-style lists of structures: `Filter.1.Name`, `Filter.1.Value.1`, ... give one `QueryParameters` per item
    /// (`Name`, `Value.1`; read the inner list with ``flatList(_:limit:)``). nil when absent.
    public func flatStructureList(
        _ prefix: String, limit: Int = 1_000
    ) throws(QueryDecodingError) -> [QueryParameters]? {
        let items = try collect(prefix + ".", display: prefix + ".N", limit: limit, structured: true)
        return items?.map { QueryParameters($0) }
    }

    /// Maps: `Prefix.entry.N.key` / `Prefix.entry.N.value`, in index order; nil when absent.
    /// Every entry needs both its key and its value. Repeated keys are returned as sent; the caller decides.
    public func map(
        _ prefix: String, limit: Int = 1_000
    ) throws(QueryDecodingError) -> [(key: String, value: String)]? {
        try map(prefix, keyName: "key", valueName: "value", limit: limit)
    }

    /// Maps whose model renames the key and value members (SNS's `MessageAttributes.entry.N.Name` / `.Value`).
    public func map(
        _ prefix: String, keyName: String, valueName: String, limit: Int = 1_000
    ) throws(QueryDecodingError) -> [(key: String, value: String)]? {
        let display = prefix + ".entry.N"
        guard let entries = try collect(prefix + ".entry.", display: display, limit: limit, structured: true) else {
            return nil
        }
        var result: [(key: String, value: String)] = []
        result.reserveCapacity(entries.count)
        for (offset, entry) in entries.enumerated() {
            let fields = QueryParameters(entry)
            if let unexpected = fields.names.first(where: { $0 != keyName && $0 != valueName }) {
                throw .validation(
                    "Unexpected parameter \(QueryDecodingError.quoted(unexpected)) in entry \(offset + 1) "
                        + "of map \(prefix).")
            }
            guard let key = fields[keyName], let value = fields[valueName] else {
                throw .validation("Entry \(offset + 1) of map \(prefix) needs both \(keyName) and \(valueName).")
            }
            result.append((key: key, value: value))
        }
        return result
    }

    /// The members of a nested structure: `Prefix.A`, `Prefix.B.C` give `A`, `B.C`; nil when there are none.
    public func structure(_ prefix: String) -> QueryParameters? {
        let base = prefix + "."
        var members: [(String, String)] = []
        for (name, value) in pairs where name.utf8.starts(with: base.utf8) && name.utf8.count > base.utf8.count {
            members.append((String(Substring(name.utf8.dropFirst(base.utf8.count))), value))
        }
        return members.isEmpty ? nil : QueryParameters(members)
    }

    /// Groups the parameters named `base` + `N` (scalar items) or `base` + `N.rest` (structured items) by `N`.
    /// Each item is a list of (rest, value) pairs; scalar items hold one pair with an empty rest. nil when none.
    private func collect(
        _ base: String, display: String, limit: Int, structured: Bool
    ) throws(QueryDecodingError) -> [[(String, String)]]? {
        var items: [Int: [(String, String)]] = [:]
        for (name, value) in pairs where name.utf8.starts(with: base.utf8) {
            let remainder = Substring(name.utf8.dropFirst(base.utf8.count))
            let dot = remainder.utf8.firstIndex(of: UInt8(ascii: "."))
            let indexText = dot.map { Substring(remainder.utf8[..<$0]) } ?? remainder
            let rest = dot.map { Substring(remainder.utf8[remainder.utf8.index(after: $0)...]) }
            let index: Int
            switch QueryListIndex(indexText, limit: limit) {
            case .valid(let value):
                index = value
            case .invalid:
                throw .validation(
                    "Invalid index \(QueryDecodingError.quoted(indexText)) in \(display): items are numbered 1, 2, 3, "
                        + "... without leading zeros.")
            case .exceedsLimit:
                throw .validation("The list \(display) has more than \(limit) items.")
            }
            if structured {
                guard let rest, !rest.isEmpty else {
                    throw .validation("Item \(index) of \(display) must name a member, as in \(display).Name.")
                }
                items[index, default: []].append((String(rest), value))
            } else {
                guard rest == nil else {
                    throw .validation("Unexpected parameter \(QueryDecodingError.quoted(name)) in \(display).")
                }
                items[index, default: []].append(("", value))
            }
        }
        guard !items.isEmpty else { return nil }
        // Indices are distinct and at most `limit`; they are 1...count exactly when there is no gap.
        for index in 1...items.count where items[index] == nil {
            throw .validation(
                "The list \(display) has no item \(index): items must be numbered 1, 2, 3, ... without gaps.")
        }
        return (1...items.count).map { items[$0] ?? [] }
    }

    /// `Prefix=` (empty) is botocore's empty list; any other value where a list belongs is refused.
    private func emptyListMarker(_ prefix: String) throws(QueryDecodingError) -> [String]? {
        guard let marker = self[prefix] else { return nil }
        guard marker.isEmpty else {
            throw .validation(
                "\(prefix) is a list: send \(prefix).member.1, \(prefix).member.2, ... or an empty \(prefix)=.")
        }
        return []
    }
}
