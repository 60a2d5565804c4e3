/// Checks of a statement's Principal, Action and Resource elements.
enum StatementChecks {
    static func check(_ statement: Statement, _ type: PolicyType, _ out: inout [PolicyDiagnostic]) {
        checkPrincipal(statement, type, &out)
        for action in statement.actions { checkAction(action, type, &out) }
        if let resources = statement.resources {
            if type == .trust {
                out.append(.error("resourceInTrustPolicy", "a trust policy statement must not have `Resource`",
                                  aws: "Has prohibited field Resource.", at: statement.location, pointer: statement.pointer))
            }
            for resource in resources { checkResource(resource, &out) }
        } else if type != .trust {
            out.append(.error("missingResource", "the statement has no `Resource` or `NotResource`",
                              aws: "Policy statement must contain resources.", at: statement.location,
                              pointer: statement.pointer))
        }
        if statement.effect == .allow && statement.actionIsNegated {
            out.append(.warning("allowNotAction", "Allow with `NotAction` grants every action not listed, in every service",
                                at: statement.location, pointer: statement.pointer))
        }
        if statement.effect == .allow && statement.resourceIsNegated {
            out.append(.warning("allowNotResource", "Allow with `NotResource` grants every resource not listed",
                                at: statement.location, pointer: statement.pointer))
        }
    }

    private static func checkPrincipal(_ statement: Statement, _ type: PolicyType, _ out: inout [PolicyDiagnostic]) {
        switch (type.isIdentityStyle, statement.principal != nil) {
        case (true, true):
            out.append(.error("principalInIdentityPolicy", "an identity policy must not name a `Principal`",
                              aws: "Policy document should not specify a principal.", at: statement.location,
                              pointer: statement.pointer))
        case (false, false):
            out.append(.error("missingPrincipal", "a \(type.rawValue) policy statement must name a `Principal`",
                              aws: "Missing required field Principal", at: statement.location, pointer: statement.pointer))
        default:
            break
        }
    }

    static func checkAction(_ action: Located<String>, _ type: PolicyType, _ out: inout [PolicyDiagnostic]) {
        let text = action.value
        if text == "*" { return }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1 {
            out.append(.error("actionWithoutPrefix", "action `\(text)` has no service prefix",
                              aws: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
                              at: action.location, pointer: action.pointer))
        } else if parts.count > 2 {
            out.append(.error("actionColons", "action `\(text)` has more than one colon",
                              aws: "Actions/Condition can contain only one colon.", at: action.location, pointer: action.pointer))
        } else if parts[0] != "*" && !parts[0].unicodeScalars.allSatisfy(isVendorCharacter) || parts[0].isEmpty {
            out.append(.error("actionVendor", "`\(parts[0])` is not a valid service prefix",
                              aws: "Vendor \(parts[0]) is not valid", at: action.location, pointer: action.pointer))
        } else if parts[1].isEmpty {
            out.append(.error("actionName", "action `\(text)` has no action name", aws: PolicyParseError.syntaxErrors,
                              at: action.location, pointer: action.pointer))
        }
        if type == .trust, text.lowercased().hasPrefix("sts:") == false {
            out.append(.warning("trustAction", "trust policies normally allow only `sts:` actions, found `\(text)`",
                                at: action.location, pointer: action.pointer))
        }
    }

    private static func isVendorCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "." || c == "*" || c == "?")
    }

    static func checkResource(_ resource: Located<String>, _ out: inout [PolicyDiagnostic]) {
        let text = resource.value
        if text == "*" { return }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else {
            out.append(.error("resourceFormat", "resource `\(text)` is neither `*` nor an ARN with six parts",
                              aws: "Resource \(text) must be in ARN format or \"*\".", at: resource.location,
                              pointer: resource.pointer))
            return
        }
        if parts[2].isEmpty {
            out.append(.error("resourceVendor", "resource `\(text)` has no service",
                              aws: "Resource vendor must be fully qualified and cannot contain regexes.",
                              at: resource.location, pointer: resource.pointer))
        } else if parts[2] == "iam" && !parts[3].isEmpty && parts[3] != "*" {
            out.append(.error("iamResourceRegion", "IAM ARNs have an empty region, found `\(parts[3])`",
                              aws: "IAM resource \(text) cannot contain region information.", at: resource.location,
                              pointer: resource.pointer))
        }
    }
}
