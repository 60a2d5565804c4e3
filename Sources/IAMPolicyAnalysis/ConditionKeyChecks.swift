import IAMPolicy
import IAMPolicyCatalog

/// Condition keys against the catalog and the global key table: `unknownConditionKey` (ERROR,
/// Access Analyzer's INVALID_GLOBAL_CONDITION_KEY / INVALID_SERVICE_CONDITION_KEY),
/// `conditionTypeMismatch` (WARNING, its TYPE_MISMATCH: a Date operator on a String key, `Bool`
/// on a key that is not Bool, ...) and, for an unknown prefix, the service findings of
/// `ActionChecks`. Key names match case-insensitively, tag-key placeholders match any text.
enum ConditionKeyChecks {
    static func check(_ statement: Statement, _ context: LintContext, _ out: inout [PolicyDiagnostic]) {
        for condition in statement.conditions {
            let key = condition.key
            guard key.value.contains(":") else { continue }  // the grammar check reports it
            switch context.keys.lookup(key.value) {
            case .known(let entry):
                checkType(condition, entry, &out)
            case .unknownKey(let suggestion):
                out.append(unknownKey(key, suggestion: suggestion))
            case .unknownPrefix(let prefix):
                if context.catalog.service(prefix) != nil {
                    out.append(.finding(.error, "unknownConditionKey",
                                        "`\(key.value)` is not a condition key: service `\(prefix)` defines none",
                                        at: key.location, pointer: key.pointer))
                } else {
                    out.append(ActionChecks.unknownService(prefix, in: "condition key `\(key.value)`", at: key, context))
                }
            case .providerKey:
                break
            }
        }
    }

    private static func unknownKey(_ key: Located<String>, suggestion: String?) -> PolicyDiagnostic {
        let lower = key.value.lowercased()
        var detail = lower.hasPrefix("aws:")
            ? "`\(key.value)` is not a global condition key"
            : "`\(key.value)` is not a condition key of `\(lower.prefix { $0 != ":" })`"
        if let suggestion { detail += ", did you mean `\(suggestion)`" }
        return .finding(.error, "unknownConditionKey", detail, at: key.location, pointer: key.pointer)
    }

    private static func checkType(_ condition: Condition, _ entry: ConditionKeyIndex.Entry,
                                  _ out: inout [PolicyDiagnostic]) {
        let op = condition.conditionOperator
        guard !entry.types.contains(where: { $0.operatorFamilies.contains(op.family) }) else { return }
        let types = entry.types.map(\.name).sorted().joined(separator: " or ")
        let hints = entry.types.sorted { $0.name < $1.name }.map(\.operatorHint)
        let hint = hints.count == 1 ? hints[0] : hints.joined(separator: " or ")
        out.append(.finding(.warning, "conditionTypeMismatch",
                            "`\(op.name)` is \(article(op.family)) operator, but `\(condition.key.value)` is a \(types) key; use \(hint) operator",
                            at: condition.key.location, pointer: condition.key.pointer))
    }

    private static func article(_ family: ConditionOperator.Family) -> String {
        switch family {
        case .string: "a String"
        case .numeric: "a Numeric"
        case .date: "a Date"
        case .bool: "a Bool"
        case .binary: "a Binary"
        case .ip: "an IP address"
        case .arn: "an ARN"
        case .null: "a Null"
        }
    }
}
