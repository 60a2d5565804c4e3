extension ContextValue {
    /// The types a caller can give a condition key's value in (the policy simulator's
    /// `ContextKeyType` without its `List` forms).
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case string, numeric, boolean, date, ip, binary
    }

    /// `text` as a value of `type`, checked the way that type's condition operators read it:
    /// numbers as Numeric operators parse them, ISO 8601 or epoch dates, IPv4/IPv6 addresses or
    /// CIDR blocks, `true`/`false`, base64 bytes. `nil` when the text is not such a value.
    public init?(_ text: String, as type: ValueType) {
        switch type {
        case .string:
            self = .string(text)
        case .numeric:
            guard NumericValue(text) != nil else { return nil }
            self = .number(text)
        case .boolean:
            switch text.lowercased() {
            case "true": self = .bool(true)
            case "false": self = .bool(false)
            default: return nil
            }
        case .date:
            guard Timestamp(text) != nil else { return nil }
            self = .string(text)
        case .ip:
            guard IPRange(text) != nil else { return nil }
            self = .string(text)
        case .binary:
            guard let bytes = Base64.decode(text) else { return nil }
            self = .binary(bytes)
        }
    }
}
