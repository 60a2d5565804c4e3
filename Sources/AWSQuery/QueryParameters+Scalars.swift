/// Typed readers for scalar parameters. Each returns nil when the parameter is absent and throws `ValidationError`
/// when it is present but malformed (EC2 callers use ``QueryDecodingError/ec2Equivalent``).
extension QueryParameters {
    /// A decimal integer: an optional `-` and at least one digit (botocore sends `str(int)`). No spaces, no `+`,
    /// nothing outside `Int`'s range.
    public func int(_ name: String) throws(QueryDecodingError) -> Int? {
        guard let text = self[name] else { return nil }
        guard let value = Self.parseInt(text) else {
            throw .validation(
                "Value \(QueryDecodingError.quoted(text)) at '\(name)' failed to satisfy constraint: "
                    + "Member must be an integer.")
        }
        return value
    }

    /// `true` or `false`, in any letter case (botocore sends lowercase).
    public func bool(_ name: String) throws(QueryDecodingError) -> Bool? {
        guard let text = self[name] else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw .validation(
                "Value \(QueryDecodingError.quoted(text)) at '\(name)' failed to satisfy constraint: "
                    + "Member must be true or false.")
        }
    }

    /// Parses `-?[0-9]+` with overflow checks; nil for anything else.
    static func parseInt(_ text: String) -> Int? {
        var digits = Substring(text).utf8[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            // Accumulate negatively so Int.min, whose magnitude exceeds Int.max, still parses.
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        if negative { return value }
        let (positive, overflow) = (0).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }
}
