import IAMPolicy

/// A statement's `Condition` block in words, for the Request condition column:
/// `aws:MultiFactorAuthPresent is false (BoolIfExists)`. Each test reads `key verb values (Operator)`,
/// with the operator exactly as written; several tests are joined with ` and ` (all must hold), several
/// values of one key with `or` (any may match) or, for negated operators, `none of`.
enum PolicySummaryConditionText {
    /// `nil` when there are no conditions.
    static func text(_ conditions: [Condition]) -> String? {
        guard !conditions.isEmpty else { return nil }
        return conditions.map(text).joined(separator: " and ")
    }

    static func text(_ condition: Condition) -> String {
        let op = condition.conditionOperator
        let values = condition.values.map { $0.value.text.isEmpty ? "\"\"" : $0.value.text }
        let subject: String
        switch op.qualifier {
        case .forAnyValue: subject = "any value of \(condition.key.value)"
        case .forAllValues: subject = "every value of \(condition.key.value)"
        case nil: subject = condition.key.value
        }
        return "\(subject) \(predicate(op, values)) (\(op.name))"
    }

    /// The verb and values: `is a or b`, `is none of a, b`, `matches arn:*`, `is at least 10`.
    static func predicate(_ op: ConditionOperator, _ values: [String]) -> String {
        if op.base == .null {
            let states = values.map { $0.lowercased() == "true" ? "absent" : $0.lowercased() == "false" ? "present" : $0 }
            return "is " + anyOf(states)
        }
        let (positive, negative) = verbs(op)
        guard op.isNegated else { return positive + " " + anyOf(values) }
        if values.count == 1 { return negative + " " + values[0] }
        return positive + " none of " + values.joined(separator: ", ")
    }

    /// The verb for the positive form, and for the negated form with one value.
    static func verbs(_ op: ConditionOperator) -> (String, String) {
        switch op.base {
        case .stringEquals, .stringEqualsIgnoreCase, .numericEquals, .dateEquals, .bool, .binaryEquals, .null:
            ("is", "is not")
        case .stringLike:
            ("matches", "does not match")
        case .arnLike:
            op.name.contains("Equals") ? ("is", "is not") : ("matches", "does not match")
        case .numericLessThan: ("is less than", "is not less than")
        case .numericLessThanEquals: ("is at most", "is not at most")
        case .numericGreaterThan: ("is greater than", "is not greater than")
        case .numericGreaterThanEquals: ("is at least", "is not at least")
        case .dateLessThan: ("is before", "is not before")
        case .dateLessThanEquals: ("is at or before", "is not at or before")
        case .dateGreaterThan: ("is after", "is not after")
        case .dateGreaterThanEquals: ("is at or after", "is not at or after")
        case .ipAddress: ("is in", "is not in")
        }
    }

    /// `a`, `a or b`, `a, b or c`.
    static func anyOf(_ values: [String]) -> String {
        guard let last = values.last else { return "" }
        if values.count == 1 { return last }
        return values.dropLast().joined(separator: ", ") + " or " + last
    }
}
