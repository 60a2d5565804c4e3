/// A condition operator: a base test, optionally negated, with an optional `IfExists` suffix and
/// an optional `ForAllValues:`/`ForAnyValue:` set prefix.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    /// The positive form of each operator; negated operators are the positive one plus `isNegated`.
    public enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals, stringEqualsIgnoreCase, stringLike
        case numericEquals, numericLessThan, numericLessThanEquals, numericGreaterThan, numericGreaterThanEquals
        case dateEquals, dateLessThan, dateLessThanEquals, dateGreaterThan, dateGreaterThanEquals
        case bool, binaryEquals, ipAddress, arnLike, null
    }

    public enum SetQualifier: String, Sendable, Hashable {
        case forAllValues = "ForAllValues"
        case forAnyValue = "ForAnyValue"
    }

    public var base: Base
    public var isNegated: Bool
    public var ifExists: Bool
    public var qualifier: SetQualifier?
    /// The operator exactly as written in the policy.
    public var name: String

    public var description: String { name }

    /// Operator names without prefix or suffix, each with its base and negation.
    static let names: [String: (Base, Bool)] = [
        "StringEquals": (.stringEquals, false), "StringNotEquals": (.stringEquals, true),
        "StringEqualsIgnoreCase": (.stringEqualsIgnoreCase, false),
        "StringNotEqualsIgnoreCase": (.stringEqualsIgnoreCase, true),
        "StringLike": (.stringLike, false), "StringNotLike": (.stringLike, true),
        "NumericEquals": (.numericEquals, false), "NumericNotEquals": (.numericEquals, true),
        "NumericLessThan": (.numericLessThan, false), "NumericLessThanEquals": (.numericLessThanEquals, false),
        "NumericGreaterThan": (.numericGreaterThan, false),
        "NumericGreaterThanEquals": (.numericGreaterThanEquals, false),
        "DateEquals": (.dateEquals, false), "DateNotEquals": (.dateEquals, true),
        "DateLessThan": (.dateLessThan, false), "DateLessThanEquals": (.dateLessThanEquals, false),
        "DateGreaterThan": (.dateGreaterThan, false), "DateGreaterThanEquals": (.dateGreaterThanEquals, false),
        "Bool": (.bool, false), "BinaryEquals": (.binaryEquals, false),
        "IpAddress": (.ipAddress, false), "NotIpAddress": (.ipAddress, true),
        "ArnEquals": (.arnLike, false), "ArnLike": (.arnLike, false),
        "ArnNotEquals": (.arnLike, true), "ArnNotLike": (.arnLike, true),
        "Null": (.null, false),
    ]

    /// Parses an operator name as AWS spells it (case-sensitive); `nil` if it is not one.
    public init?(_ name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        for candidate in [SetQualifier.forAllValues, .forAnyValue] where rest.hasPrefix(candidate.rawValue + ":") {
            qualifier = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
            break
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let (base, negated) = Self.names[String(rest)] else { return nil }
        // `Null` has no IfExists form and no set form.
        if base == .null && (ifExists || qualifier != nil) { return nil }
        self.base = base
        self.isNegated = negated
        self.ifExists = ifExists
        self.qualifier = qualifier
        self.name = name
    }

    /// The family an operator belongs to: what type its values have.
    public enum Family: String, Sendable { case string, numeric, date, bool, binary, ip, arn, null }

    public var family: Family {
        switch base {
        case .stringEquals, .stringEqualsIgnoreCase, .stringLike: .string
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals: .numeric
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals: .date
        case .bool: .bool
        case .binaryEquals: .binary
        case .ipAddress: .ip
        case .arnLike: .arn
        case .null: .null
        }
    }

    /// Whether policy variables are substituted in this operator's values (String and ARN
    /// operators; Bool too, which AWS's pages disagree on and which is harmless).
    public var allowsVariables: Bool {
        switch family {
        case .string, .arn, .bool: true
        default: false
        }
    }
}
