import IAMPolicy

/// `statementNeverMatches` (WARNING): a statement no request can match, so it is dead — most
/// often a Deny that was meant to protect something. Detected: `NotAction`/`NotResource` with
/// `*`; a key that one condition requires absent (`Null` true) and another requires present;
/// and a Bool key whose conditions admit no value while one of them requires the key.
enum StatementReachability {
    static func check(_ statement: Statement, _ out: inout [PolicyDiagnostic]) {
        guard let reason = reason(statement) else { return }
        out.append(.finding(.warning, "statementNeverMatches",
                            "this \(statement.effect.rawValue) can never match: \(reason)",
                            at: statement.location, pointer: statement.pointer))
    }

    static func reason(_ statement: Statement) -> String? {
        if statement.actionIsNegated && statement.actions.contains(where: { $0.value == "*" }) {
            return "`NotAction` lists `*`, which excludes every action"
        }
        if statement.resourceIsNegated, statement.resources?.contains(where: { $0.value == "*" }) == true {
            return "`NotResource` lists `*`, which excludes every resource"
        }
        var constraints: [String: KeyConstraint] = [:]
        for condition in statement.conditions {
            let lower = condition.key.value.lowercased()
            constraints[lower, default: KeyConstraint(name: condition.key.value)].add(condition)
        }
        for key in constraints.keys.sorted() {
            if let reason = constraints[key]?.contradiction { return reason }
        }
        return nil
    }

    /// What the conditions of one statement require of one key.
    private struct KeyConstraint {
        var name: String
        /// A `Null` condition requires the key absent (`true`) or present (`false`).
        var nullRequiresAbsent = false
        var requiresPresent = false
        /// Bool values the key may take, when a Bool condition without variables restricts it.
        var boolValues: Set<String>?

        init(name: String) { self.name = name }

        mutating func add(_ condition: Condition) {
            let op = condition.conditionOperator
            let values = condition.values.map { $0.value.text.lowercased() }
            if op.base == .null {
                if values == ["true"] { nullRequiresAbsent = true }
                if values == ["false"] { requiresPresent = true }
                return
            }
            // Only positive operators without IfExists are false for an absent key (ForAllValues
            // is true for it).
            if !op.ifExists && !op.isNegated && op.qualifier != .forAllValues { requiresPresent = true }
            if op.base == .bool && op.qualifier == nil && !values.contains(where: { $0.contains("${") }) {
                boolValues = (boolValues ?? ["true", "false"]).intersection(values)
            }
        }

        var contradiction: String? {
            if nullRequiresAbsent && requiresPresent {
                return "`Null` requires `\(name)` to be absent and another condition requires it present"
            }
            if requiresPresent, let boolValues, boolValues.isEmpty {
                return "no value of `\(name)` satisfies both its Bool conditions"
            }
            return nil
        }
    }
}
