/// Parses a statement's `Condition` block: `{Operator: {Key: value or [values]}}`.
enum ConditionParser {
    static func parse(_ node: JSONNode, pointer: String) throws(PolicyParseError) -> [Condition] {
        guard let operators = node.objectValue else {
            throw PolicyParser.typeError("Condition", "an object", node, pointer: pointer)
        }
        var conditions: [Condition] = []
        for entry in operators {
            let opPointer = pointer + "/" + JSONPointer.escape(entry.key)
            guard let op = ConditionOperator(entry.key) else {
                throw PolicyParseError(.unknownConditionOperator, "unknown condition operator `\(entry.key)`",
                                       at: entry.keyLocation, pointer: opPointer)
            }
            guard let keys = entry.value.objectValue else {
                throw PolicyParser.typeError(entry.key, "an object of condition keys", entry.value, pointer: opPointer)
            }
            guard !keys.isEmpty else {
                throw PolicyParseError(.emptyValue, "condition operator `\(entry.key)` has no condition keys",
                                       at: entry.value.location, pointer: opPointer)
            }
            for key in keys {
                let keyPointer = opPointer + "/" + JSONPointer.escape(key.key)
                let values = try literals(key.value, key: key.key, pointer: keyPointer)
                conditions.append(Condition(
                    conditionOperator: op, operatorLocation: entry.keyLocation,
                    key: Located(key.key, at: key.keyLocation, pointer: keyPointer), values: values))
            }
        }
        return conditions
    }

    private static func literals(_ node: JSONNode, key: String, pointer: String) throws(PolicyParseError) -> [Located<ConditionLiteral>] {
        if case .array(let elements) = node.kind {
            guard !elements.isEmpty else {
                throw PolicyParseError(.emptyValue, "condition key `\(key)` has an empty list of values",
                                       at: node.location, pointer: pointer)
            }
            var out: [Located<ConditionLiteral>] = []
            for (i, element) in elements.enumerated() {
                out.append(try literal(element, key: key, pointer: pointer + "/\(i)"))
            }
            return out
        }
        return [try literal(node, key: key, pointer: pointer)]
    }

    private static func literal(_ node: JSONNode, key: String, pointer: String) throws(PolicyParseError) -> Located<ConditionLiteral> {
        let value: ConditionLiteral
        switch node.kind {
        case .string(let s): value = .string(s)
        case .number(let n): value = .number(n)
        case .bool(let b): value = .bool(b)
        default:
            throw PolicyParseError(.invalidConditionValue,
                                   "a value of condition key `\(key)` must be a string, number or boolean, found \(node.typeName)",
                                   at: node.location, pointer: pointer)
        }
        return Located(value, at: node.location, pointer: pointer)
    }
}
