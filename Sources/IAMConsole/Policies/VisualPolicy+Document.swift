import IAMPolicy
import IAMPolicyCatalog

extension VisualPolicy {
    /// What switching a JSON document to the visual editor gives.
    enum Conversion: Sendable {
        case visual(VisualPolicy)
        /// The document is valid but uses what the visual editor cannot show; one reason per problem.
        case unsupported([String])
        /// The document does not parse: stay in the JSON editor with its findings.
        case invalid
    }

    /// The visual form of `text` when every statement is one the editor can show: `Effect`, `Action`
    /// (one service's actions, or all of them), `Resource`, and the MFA and source IP conditions.
    static func convert(_ text: String, catalog: ActionCatalog?) -> Conversion {
        guard let document = try? PolicyParser.parse(text) else { return .invalid }
        guard let catalog else { return .unsupported(["The action catalog is not available."]) }
        var reasons: [String] = []
        if document.id != nil { reasons.append("The policy has an Id element.") }
        var blocks: [Block] = []
        for statement in document.statements {
            let (block, problems) = Self.block(statement, catalog: catalog)
            blocks.append(block)
            reasons += problems.map { "Statement \(statement.label): \($0)" }
        }
        if blocks.count > maximumBlocks { reasons.append("The policy has more than \(maximumBlocks) statements.") }
        return reasons.isEmpty ? .visual(VisualPolicy(blocks: blocks)) : .unsupported(reasons)
    }

    private static func block(_ statement: Statement, catalog: ActionCatalog) -> (Block, [String]) {
        var block = Block()
        var problems: [String] = []
        block.sid = statement.sid?.value ?? ""
        block.effect = statement.effect
        if statement.principal != nil {
            problems.append("uses \(statement.principalIsNegated ? "NotPrincipal" : "Principal"), which identity policies do not take.")
        }
        if statement.actionIsNegated {
            problems.append("uses NotAction.")
        } else {
            problems += actions(statement.actions.map(\.value), into: &block, catalog: catalog)
        }
        if statement.resourceIsNegated {
            problems.append("uses NotResource.")
        } else if let resources = statement.resources?.map(\.value) {
            if resources.contains("*") { block.allResources = true } else { block.arns = resources }
        } else {
            problems.append("has no Resource element.")
        }
        for condition in statement.conditions {
            let key = condition.key.value.lowercased()
            let values = condition.values.map(\.value.text)
            switch (condition.conditionOperator.name, key) {
            case ("Bool", "aws:multifactorauthpresent") where values == ["true"]:
                block.requireMFA = true
            case ("IpAddress", "aws:sourceip"):
                block.sourceIPs += values
            default:
                problems.append("uses the condition \(condition.conditionOperator.name) on \(condition.key.value).")
            }
        }
        return (block, problems)
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
}
