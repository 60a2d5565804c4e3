/// A condition's policy values, converted once to the operator family's type. A value that
/// does not convert (a malformed date, say) is `nil` and never matches.
enum ConditionValues: Sendable {
    /// Equals and IgnoreCase (wildcards literal), or Like (wildcards active).
    case strings([PolicyStringValue], mode: StringMode)
    case numbers([NumericValue?])
    case dates([Timestamp?])
    /// `Bool`: a fixed `true`/`false` (nil when neither), or a template with variables.
    case bools([Bool?], templates: [PolicyStringValue])
    case binaries([[UInt8]?])
    case ipRanges([IPRange?])
    case arns([PolicyStringValue])
    /// `Null`: `true` means "the key must be absent".
    case null([Bool?])

    enum StringMode: Sendable { case equals, ignoreCase, like }
}

/// A string value from a policy, compiled for comparison: fixed tokens, or a template with
/// policy variables to resolve per request.
struct PolicyStringValue: Sendable {
    let template: PatternTemplate
    /// Tokens when the value has no variables.
    let fixed: [UInt16]?

    init(_ text: String, variables: Bool, wildcards: Bool, lowercased: Bool) {
        let source = lowercased ? text.lowercased() : text
        template = PatternTemplate(source, variables: variables)
        fixed = template.hasVariables
            ? nil : template.tokens(in: .empty, wildcards: wildcards, lowercased: false)
    }

    func tokens(in context: RequestContext, wildcards: Bool, lowercased: Bool) -> [UInt16]? {
        if let fixed { return fixed }
        return template.tokens(in: context, wildcards: wildcards, lowercased: lowercased)
    }
}
