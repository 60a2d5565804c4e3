import AWSQuery

/// A JSON value with ordered object keys, for writing CloudTrail-shaped events (the field order
/// of the AWS documentation's examples) without going through `Any`.
enum AuditJSON: Sendable, Equatable {
    case string(String)
    case number(Int64)
    case bool(Bool)
    case null
    case array([AuditJSON])
    case object([(String, AuditJSON)])

    static func == (a: AuditJSON, b: AuditJSON) -> Bool { a.text == b.text }

    /// A string, or null when absent.
    static func optional(_ value: String?) -> AuditJSON { value.map(AuditJSON.string) ?? .null }

    /// Compact JSON text.
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// The member `key` of an object.
    subscript(key: String) -> AuditJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    func write(to out: inout String) {
        switch self {
        case .string(let value): Self.quote(value, into: &out)
        case .number(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    static func quote(_ value: String, into out: inout String) {
        out += JSONErrorResponse.quoted(value)
    }
}
