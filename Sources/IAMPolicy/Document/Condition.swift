/// One `Operator: {Key: values}` test of a statement's `Condition` block.
public struct Condition: Sendable {
    public var conditionOperator: ConditionOperator
    public var operatorLocation: SourceLocation
    public var key: Located<String>
    public var values: [Located<ConditionLiteral>]
}

/// A value written in a condition: policies may use strings, numbers or booleans.
public enum ConditionLiteral: Sendable, Hashable {
    case string(String)
    /// The number's JSON text, e.g. `10.0`.
    case number(String)
    case bool(Bool)

    /// The text form AWS compares with (`true`, `10.0`, or the string itself).
    public var text: String {
        switch self {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        }
    }
}
