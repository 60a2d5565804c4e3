import IAMPolicy
import IAMPolicyCatalog

/// What every finding family sees: the parsed document, how it is used, and the catalogs.
struct LintContext: Sendable {
    var document: PolicyDocument
    var type: PolicyType
    var catalog: ActionCatalog
    var keys: ConditionKeyIndex

    /// Service prefixes in the catalog, lowercased and sorted (for suggestions).
    var servicePrefixes: [String] { catalog.services.keys.sorted() }

    /// A catalog prefix one edit away from an unknown one: almost certainly what was meant.
    func nearMissService(_ prefix: String) -> String? {
        EditDistance.closest(to: prefix.lowercased(), in: servicePrefixes, limit: 1)
    }

    /// Whether a `service:name` pattern (lowercased, `*`/`?` allowed) covers `action` (lowercased).
    static func covers(_ pattern: String, _ action: String) -> Bool {
        pattern == "*" || ActionCatalog.glob(pattern, action)
    }

    /// How findings name a statement: its Sid in backticks, else its position.
    static func label(_ statement: Statement) -> String {
        if let sid = statement.sid?.value, !sid.isEmpty { return "`\(sid)`" }
        return "statement \(statement.index)"
    }
}
