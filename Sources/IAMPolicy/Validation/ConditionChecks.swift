/// Checks of condition values against their operator's type, and common condition mistakes.
enum ConditionChecks {
    /// Global keys that always have one value: set operators on them are a mistake.
    private static let singleValuedKeys: Set<String> = [
        "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:username", "aws:userid",
        "aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:currenttime", "aws:epochtime",
        "aws:securetransport", "aws:sourceip", "aws:requestedregion", "aws:tokenissuetime",
    ]

    static func check(_ statement: Statement, version: PolicyVersion?, _ out: inout [PolicyDiagnostic]) {
        for condition in statement.conditions {
            let op = condition.conditionOperator
            let key = condition.key
            if !key.value.contains(":") {
                out.append(.error("conditionKeyPrefix", "condition key `\(key.value)` has no service prefix",
                                  aws: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
                                  at: key.location, pointer: key.pointer))
            }
            if op.qualifier != nil && singleValuedKeys.contains(key.value.lowercased()) {
                out.append(.warning("setOperatorSingleValued",
                                    "`\(op.name)` is meant for multi-valued keys, and `\(key.value)` has one value",
                                    at: key.location, pointer: key.pointer))
            }
            if op.qualifier == .forAllValues && statement.effect == .allow && !op.isNegated {
                out.append(.warning("forAllValuesAllow",
                                    "ForAllValues is true when the key is absent, so this Allow also applies to requests without `\(key.value)`",
                                    at: key.location, pointer: key.pointer))
            }
            if op.base == .bool && !op.ifExists && statement.effect == .deny
                && key.value.lowercased() == "aws:multifactorauthpresent" {
                out.append(.warning("mfaBoolWithoutIfexists",
                                    "long-term access keys have no `aws:MultiFactorAuthPresent`, so this Deny does not apply to them; use BoolIfExists",
                                    at: key.location, pointer: key.pointer))
            }
            for value in condition.values { checkValue(value, op, version: version, &out) }
        }
    }

    private static func checkValue(_ value: Located<ConditionLiteral>, _ op: ConditionOperator, version: PolicyVersion?,
                                   _ out: inout [PolicyDiagnostic]) {
        let text = value.value.text
        if text.contains("${") && !op.allowsVariables && PolicyVersion.supportsVariables(version) {
            out.append(.warning("variableNotSubstituted", "policy variables are not substituted in \(op.family.rawValue) conditions",
                                at: value.location, pointer: value.pointer))
            return
        }
        let valid: Bool
        switch op.family {
        case .numeric: valid = NumericValue(text) != nil
        case .date: valid = Timestamp(text) != nil
        case .bool: valid = text.contains("${") || BoolCondition.parse(text) != nil
        case .binary: valid = Base64.decode(text) != nil
        case .ip: valid = IPRange(text) != nil
        case .null: valid = BoolCondition.parse(text) != nil
        case .string, .arn: valid = true
        }
        if !valid {
            out.append(.error("conditionValue", "`\(text)` is not a valid \(op.family.rawValue) value for `\(op.name)`",
                              aws: op.family == .date ? "The policy failed legacy parsing" : PolicyParseError.syntaxErrors,
                              at: value.location, pointer: value.pointer))
        }
    }
}
