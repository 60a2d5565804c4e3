/// Parses one element of `Statement`.
enum StatementParser {
    static func parse(_ node: JSONNode, index: Int, pointer: String) throws(PolicyParseError) -> Statement {
        guard let members = node.objectValue else {
            throw PolicyParser.typeError("Statement", "an object", node, pointer: pointer)
        }
        var statement = Statement(
            index: index, location: node.location, pointer: pointer, sid: nil, effect: .allow,
            principal: nil, principalIsNegated: false, actions: [], actionIsNegated: false,
            resources: nil, resourceIsNegated: false, conditions: [])
        var sawEffect = false
        var sawAction = false
        var sawPrincipal = false
        for member in members {
            let here = pointer + "/" + JSONPointer.escape(member.key)
            switch member.key {
            case "Sid":
                guard let text = member.value.stringValue else {
                    throw PolicyParser.typeError("Sid", "a string", member.value, pointer: here)
                }
                statement.sid = Located(text, at: member.value.location, pointer: here)
            case "Effect":
                guard let text = member.value.stringValue else {
                    throw PolicyParser.typeError("Effect", "a string", member.value, pointer: here)
                }
                guard let effect = Effect(rawValue: text) else {
                    throw PolicyParseError(.invalidEffect, "`Effect` must be `Allow` or `Deny`, found `\(text)`",
                                           at: member.value.location, pointer: here)
                }
                statement.effect = effect
                sawEffect = true
            case "Action", "NotAction":
                if sawAction {
                    throw conflict("Action", "NotAction", member, pointer: here)
                }
                sawAction = true
                statement.actionIsNegated = member.key == "NotAction"
                statement.actions = try stringList(member, pointer: here)
            case "Resource", "NotResource":
                if statement.resources != nil {
                    throw conflict("Resource", "NotResource", member, pointer: here)
                }
                statement.resourceIsNegated = member.key == "NotResource"
                statement.resources = try stringList(member, pointer: here)
            case "Principal", "NotPrincipal":
                if sawPrincipal {
                    throw conflict("Principal", "NotPrincipal", member, pointer: here)
                }
                sawPrincipal = true
                statement.principalIsNegated = member.key == "NotPrincipal"
                statement.principal = try principal(member.value, element: member.key, pointer: here)
            case "Condition":
                statement.conditions = try ConditionParser.parse(member.value, pointer: here)
            default:
                throw PolicyParseError(.unknownElement, "unknown statement element `\(member.key)`",
                                       at: member.keyLocation, pointer: here)
            }
        }
        guard sawEffect else {
            throw PolicyParseError(.missingEffect, "the statement has no `Effect`", at: node.location, pointer: pointer)
        }
        guard sawAction else {
            throw PolicyParseError(.missingAction, "the statement has no `Action` or `NotAction`",
                                   at: node.location, pointer: pointer,
                                   awsMessage: "Policy statement must contain actions.")
        }
        return statement
    }

    private static func conflict(_ a: String, _ b: String, _ member: JSONMember, pointer: String) -> PolicyParseError {
        PolicyParseError(.conflictingElements, "a statement may have `\(a)` or `\(b)`, not both (or either twice)",
                         at: member.keyLocation, pointer: pointer)
    }

    /// A string or a non-empty array of strings.
    static func stringList(_ member: JSONMember, pointer: String) throws(PolicyParseError) -> [Located<String>] {
        switch member.value.kind {
        case .string(let s):
            return [Located(s, at: member.value.location, pointer: pointer)]
        case .array(let elements):
            guard !elements.isEmpty else {
                let awsMessage = member.key.hasSuffix("Action")
                    ? "Policy statement must contain actions." : PolicyParseError.syntaxErrors
                throw PolicyParseError(.emptyValue, "`\(member.key)` is an empty array", at: member.value.location,
                                       pointer: pointer, awsMessage: awsMessage)
            }
            var out: [Located<String>] = []
            out.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                guard let s = element.stringValue else {
                    throw PolicyParser.typeError("\(member.key)` element `\(i)", "a string", element,
                                                 pointer: pointer + "/\(i)")
                }
                out.append(Located(s, at: element.location, pointer: pointer + "/\(i)"))
            }
            return out
        default:
            throw PolicyParser.typeError(member.key, "a string or an array of strings", member.value, pointer: pointer)
        }
    }

    private static func principal(_ node: JSONNode, element: String, pointer: String) throws(PolicyParseError) -> PrincipalElement {
        switch node.kind {
        case .string(let s):
            guard s == "*" else {
                throw PolicyParseError(.invalidPrincipal, "`\(element)` as a string must be `*`, found `\(s)`",
                                       at: node.location, pointer: pointer)
            }
            return .everyone
        case .object(let members):
            guard !members.isEmpty else {
                throw PolicyParseError(.emptyValue, "`\(element)` is an empty object", at: node.location, pointer: pointer)
            }
            var identifiers: [PrincipalElement.PrincipalKind: [Located<String>]] = [:]
            for member in members {
                let here = pointer + "/" + JSONPointer.escape(member.key)
                guard let kind = PrincipalElement.PrincipalKind(rawValue: member.key) else {
                    throw PolicyParseError(
                        .invalidPrincipal,
                        "unknown principal type `\(member.key)`, expected AWS, Service, Federated or CanonicalUser",
                        at: member.keyLocation, pointer: here)
                }
                identifiers[kind] = try stringList(member, pointer: here)
            }
            return .identifiers(identifiers)
        default:
            throw PolicyParser.typeError(element, "`*` or an object", node, pointer: pointer)
        }
    }
}
