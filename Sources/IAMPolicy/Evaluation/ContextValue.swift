/// A typed value of a request's condition key. Operators convert as AWS does: a String
/// operator sees `true` for a boolean, a Numeric operator parses a string, and so on.
public enum ContextValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    /// A number as text (`30`, `1.5`), compared numerically by Numeric and Date operators.
    case number(String)
    /// Raw bytes, compared by `BinaryEquals` with a policy's base64 value.
    case binary([UInt8])

    public var description: String { text }

    /// The value as a String operator compares it.
    public var text: String {
        switch self {
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        case .binary(let bytes): Base64.encode(bytes)
        }
    }

    public static func number(_ value: Int) -> ContextValue { .number(String(value)) }
}
