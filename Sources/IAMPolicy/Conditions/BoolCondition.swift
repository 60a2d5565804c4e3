/// The `Bool` operator: `true`/`false` in any case, as JSON booleans or strings.
enum BoolCondition {
    static func parse(_ text: some StringProtocol) -> Bool? {
        if text.utf8.count == 4, text.lowercased() == "true" { return true }
        if text.utf8.count == 5, text.lowercased() == "false" { return false }
        return nil
    }

    static func matches(_ value: ContextValue, fixed: [Bool?], templates: [PolicyStringValue], _ context: RequestContext) -> Bool {
        let request: Bool?
        switch value {
        case .bool(let b): request = b
        case .string(let s): request = parse(s)
        case .number, .binary: request = nil
        }
        guard let request else { return false }
        if fixed.contains(where: { $0 == request }) { return true }
        return templates.contains { template in
            template.template.text(in: context).flatMap(parse) == request
        }
    }
}
