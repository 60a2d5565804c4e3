import IAMPolicy

/// The condition context keys policies use: every condition key and every policy variable
/// (`${aws:username}` in a Resource or a String/ARN condition value, under Version 2012-10-17), in
/// document order, each once (compared case-insensitively, spelled as first written).
enum ContextKeyCollector {
    /// Keys of several documents, in order, deduplicated across them.
    static func keys(_ documents: [PolicyDocument]) -> [String] {
        deduplicated(documents.flatMap { document in document.statements.flatMap { keys(of: $0, in: document) } })
    }

    /// One statement's keys in document order.
    static func keys(of statement: Statement, in document: PolicyDocument) -> [String] {
        let variables = PolicyVersion.supportsVariables(document.version)
        var found: [(offset: Int, key: String)] = []
        if variables {
            for resource in statement.resources ?? [] {
                found += variableKeys(in: resource.value).map { (resource.location.offset, $0) }
            }
        }
        for condition in statement.conditions {
            found.append((condition.key.location.offset, condition.key.value))
            guard variables && condition.conditionOperator.allowsVariables else { continue }
            for value in condition.values {
                if case .string(let text) = value.value {
                    found += variableKeys(in: text).map { (value.location.offset, $0) }
                }
            }
        }
        return found.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }.map(\.element.key)
    }

    /// The keys of a statement's Resource variables only.
    static func resourceVariableKeys(of statement: Statement, in document: PolicyDocument) -> [String] {
        guard PolicyVersion.supportsVariables(document.version) else { return [] }
        return (statement.resources ?? []).flatMap { variableKeys(in: $0.value) }
    }

    /// `${key}` and `${key, 'default'}` names in a text; `${*}`, `${?}` and `${$}` are not keys.
    static func variableKeys(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            let inner = rest[open.upperBound..<close]
            let key = (inner.firstIndex(of: ",").map { inner[..<$0] } ?? inner).trimmingSpaces()
            if !key.isEmpty && key != "*" && key != "?" && key != "$" { out.append(String(key)) }
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    static func deduplicated(_ keys: [String]) -> [String] {
        var seen: Set<String> = []
        return keys.filter { seen.insert($0.lowercased()).inserted }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
