import IAMPolicy
import IAMPolicyCatalog

extension VisualPolicy {
    /// What switching a JSON document to the visual editor gives.
    enum Conversion: Sendable {
        case visual(VisualPolicy)
        /// The document uses what the visual editor cannot show; one reason per problem.
        case unsupported([String])
        /// The text is not JSON: stay in the JSON editor with its findings.
        case invalid
    }

    /// The visual form of `text` when every statement is one the editor can show: `Sid`, `Effect`,
    /// `Action` (one service's actions, or all of them), `Resource`, and the MFA and source IP
    /// conditions. Read from the JSON itself rather than the policy grammar, so that a statement
    /// still being written (AWS's starter, with empty `Action` and `Resource`) opens too.
    static func convert(_ text: String, catalog: ActionCatalog?) -> Conversion {
        guard let root = try? JSONParser.parse(text), let members = root.objectValue else { return .invalid }
        guard let catalog else { return .unsupported(["The action catalog is not available."]) }
        var reasons: [String] = []
        var statements: [JSONNode] = []
        for member in members {
            switch (member.key, member.value.kind) {
            case ("Version", _): break
            case ("Statement", .array(let items)): statements = items
            case ("Statement", .object): statements = [member.value]
            default: reasons.append("The policy has a \(member.key) element the visual editor does not edit.")
            }
        }
        if statements.count > maximumBlocks { reasons.append("The policy has more than \(maximumBlocks) statements.") }
        var blocks: [Block] = []
        for (index, statement) in statements.enumerated() {
            let label = statement["Sid"]?.stringValue ?? String(index)
            let (block, problems) = Self.block(statement, catalog: catalog)
            blocks.append(block)
            reasons += problems.map { "Statement \(label): \($0)" }
        }
        return reasons.isEmpty ? .visual(VisualPolicy(blocks: blocks)) : .unsupported(reasons)
    }

    private static func block(_ statement: JSONNode, catalog: ActionCatalog) -> (Block, [String]) {
        var block = Block()
        var problems: [String] = []
        for member in statement.objectValue ?? [] {
            let value = member.value
            switch member.key {
            case "Sid": block.sid = value.stringValue ?? ""
            case "Effect":
                guard let effect = value.stringValue.flatMap(Effect.init(rawValue:)) else {
                    problems.append("Effect must be Allow or Deny.")
                    continue
                }
                block.effect = effect
            case "Action": problems += actions(strings(value), into: &block, catalog: catalog)
            case "Resource":
                let resources = strings(value)
                if resources.contains("*") { block.allResources = true } else { block.arns = resources }
            case "Condition": problems += conditions(value, into: &block)
            default: problems.append("uses \(member.key).")
            }
        }
        if statement.objectValue == nil { problems.append("is not a JSON object.") }
        return (block, problems)
    }

    /// A string, or the strings of an array.
    private static func strings(_ node: JSONNode) -> [String] {
        node.stringValue.map { [$0] } ?? (node.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Fills the block's service and actions; problems for entries the editor has no checkbox for.
    private static func actions(_ entries: [String], into block: inout Block, catalog: ActionCatalog) -> [String] {
        var problems: [String] = []
        var services: Set<String> = []
        var names: Set<String> = []
        for entry in entries {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let service = catalog.service(parts[0]) else {
                problems.append("the action \(entry) is not one service's action.")
                continue
            }
            services.insert(service.prefix)
            if parts[1] == "*" {
                block.allActions = true
            } else if let action = catalog.action(entry) {
                names.insert(action.fullName)
            } else {
                problems.append("the action \(entry) is a wildcard pattern or unknown action.")
            }
        }
        if services.count > 1 { problems.append("combines actions of several services (\(services.sorted().joined(separator: ", "))).") }
        block.service = services.first ?? ""
        block.actions = block.allActions ? [] : names.sorted()
        return problems
    }

    /// `Bool` `aws:MultiFactorAuthPresent` `true` and `IpAddress` `aws:SourceIp`; problems for anything else.
    private static func conditions(_ node: JSONNode, into block: inout Block) -> [String] {
        var problems: [String] = []
        for test in node.objectValue ?? [] {
            for key in test.value.objectValue ?? [] {
                let values: [String] = switch key.value.kind {
                case .bool(let flag): [flag ? "true" : "false"]
                default: strings(key.value)
                }
                switch (test.key, key.key.lowercased()) {
                case ("Bool", "aws:multifactorauthpresent") where values == ["true"]:
                    block.requireMFA = true
                case ("IpAddress", "aws:sourceip"):
                    block.sourceIPs += values
                default:
                    problems.append("uses the condition \(test.key) on \(key.key).")
                }
            }
            if test.value.objectValue == nil { problems.append("has a malformed condition \(test.key).") }
        }
        if node.objectValue == nil { problems.append("has a Condition that is not an object.") }
        return problems
    }
}
