/// One condition test ready to evaluate: lowercased key, typed policy values, and the rules for
/// missing keys, negation, `IfExists` and the set prefixes (iam-facts §2.5).
struct CompiledCondition: Sendable {
    let conditionOperator: ConditionOperator
    /// The key as written, for explanations.
    let keyName: String
    /// The key lowercased, for lookup.
    let key: String
    let values: ConditionValues

    init(_ condition: Condition, variables: Bool) {
        let op = condition.conditionOperator
        conditionOperator = op
        keyName = condition.key.value
        key = condition.key.value.lowercased()
        let texts = condition.values.map(\.value.text)
        let vars = variables && op.allowsVariables
        switch op.family {
        case .string:
            switch op.base {
            case .stringEqualsIgnoreCase:
                values = .strings(texts.map { PolicyStringValue($0, variables: vars, wildcards: false, lowercased: true) },
                                  mode: .ignoreCase)
            case .stringLike:
                values = .strings(texts.map { PolicyStringValue($0, variables: vars, wildcards: true, lowercased: false) },
                                  mode: .like)
            default:
                values = .strings(texts.map { PolicyStringValue($0, variables: vars, wildcards: false, lowercased: false) },
                                  mode: .equals)
            }
        case .numeric: values = .numbers(texts.map { NumericValue($0) })
        case .date: values = .dates(texts.map { Timestamp($0) })
        case .bool:
            let compiled = texts.map { PolicyStringValue($0, variables: vars, wildcards: false, lowercased: true) }
            values = .bools(
                compiled.filter { $0.fixed != nil }.map { BoolCondition.parse($0.template.staticText) },
                templates: compiled.filter { $0.fixed == nil })
        case .binary: values = .binaries(texts.map { Base64.decode($0) })
        case .ip: values = .ipRanges(texts.map { IPRange($0) })
        case .arn: values = .arns(texts.map { PolicyStringValue($0, variables: vars, wildcards: true, lowercased: false) })
        case .null:
            values = .null(texts.map { text in
                switch text.lowercased() {
                case "true": true
                case "false": false
                default: nil
                }
            })
        }
    }

    /// Whether the condition holds for the request.
    func evaluate(_ context: RequestContext) -> Bool {
        let entry = context.entry(forLowercasedKey: key)
        let requestValues = entry?.values ?? []
        if case .null(let expectations) = values {
            let present = !requestValues.isEmpty
            return expectations.contains { $0.map { $0 != present } ?? false }
        }
        let op = conditionOperator
        if requestValues.isEmpty {
            switch op.qualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case nil: return op.ifExists || op.isNegated
            }
        }
        switch op.qualifier {
        case nil:
            let any = requestValues.contains { matchesAnyPolicyValue($0, context) }
            return op.isNegated ? !any : any
        case .forAnyValue:
            return requestValues.contains { matchesAnyPolicyValue($0, context) != op.isNegated }
        case .forAllValues:
            return requestValues.allSatisfy { matchesAnyPolicyValue($0, context) != op.isNegated }
        }
    }

    /// The positive test: does one request value match any of the policy values?
    private func matchesAnyPolicyValue(_ value: ContextValue, _ context: RequestContext) -> Bool {
        switch values {
        case .strings(let policyValues, let mode):
            return StringCondition.matches(value, policyValues, mode: mode, context)
        case .numbers(let policyValues):
            guard let number = NumericValue(value.text) else { return false }
            return policyValues.contains { $0.map { Self.compare(number, $0, conditionOperator.base) } ?? false }
        case .dates(let policyValues):
            guard let time = Timestamp(value.text) else { return false }
            return policyValues.contains { $0.map { Self.compare(time, $0, conditionOperator.base) } ?? false }
        case .bools(let fixed, let templates):
            return BoolCondition.matches(value, fixed: fixed, templates: templates, context)
        case .binaries(let policyValues):
            let bytes: [UInt8]
            switch value {
            case .binary(let raw): bytes = raw
            default:
                guard let decoded = Base64.decode(value.text) else { return false }
                bytes = decoded
            }
            return policyValues.contains { $0 == bytes }
        case .ipRanges(let policyValues):
            guard let address = IPRange(value.text) else { return false }
            return policyValues.contains { $0?.contains(address) ?? false }
        case .arns(let policyValues):
            let bytes = Array(value.text.utf8)
            return policyValues.contains { policy in
                policy.tokens(in: context, wildcards: true, lowercased: false)
                    .map { ARNPattern.matches(pattern: $0, subject: bytes) } ?? false
            }
        case .null:
            return false
        }
    }

    private static func compare<T: Comparable>(_ request: T, _ policy: T, _ base: ConditionOperator.Base) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: request == policy
        case .numericLessThan, .dateLessThan: request < policy
        case .numericLessThanEquals, .dateLessThanEquals: request <= policy
        case .numericGreaterThan, .dateGreaterThan: request > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: request >= policy
        default: false
        }
    }
}
