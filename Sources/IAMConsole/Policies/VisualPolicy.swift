import Foundation
import IAMPolicy
import IAMPolicyCatalog

/// The visual editor's policy: one block per statement, each for one service's actions, with its
/// resources, the two request conditions the editor offers (MFA and source IP) and its effect.
/// Blocks travel between requests as form fields: the first block's fields are bare (`service`,
/// `action`, ...), block N's are prefixed `sN.`.
struct VisualPolicy: Sendable {
    struct Block: Sendable, Equatable {
        var sid = ""
        var effect = Effect.allow
        /// The service prefix (`ec2`), empty until one is chosen.
        var service = ""
        var allActions = false
        /// Full action names as the catalog spells them (`ec2:DescribeInstances`), sorted.
        var actions: [String] = []
        var allResources = false
        var arns: [String] = []
        var requireMFA = false
        var sourceIPs: [String] = []

        var isEmpty: Bool { service.isEmpty && actions.isEmpty && !allActions }
    }

    static let maximumBlocks = 20

    var blocks: [Block]

    init(blocks: [Block] = [Block()]) {
        self.blocks = blocks.isEmpty ? [Block()] : Array(blocks.prefix(Self.maximumBlocks))
    }

    static func prefix(_ index: Int) -> String { index == 0 ? "" : "s\(index + 1)." }

    /// The blocks a visual editor form carries; unknown services and actions are dropped.
    init(form: ConsoleForm, catalog: ActionCatalog?) {
        let count = min(max(Int(form["statements"] ?? "1") ?? 1, 1), Self.maximumBlocks)
        var blocks: [Block] = []
        for index in 0..<count {
            let p = Self.prefix(index)
            var block = Block()
            block.sid = String((form[p + "sid"] ?? "").prefix(128))
            block.effect = form[p + "effect"] == "Deny" ? .deny : .allow
            let service = (form[p + "service"] ?? "").lowercased()
            if let known = catalog?.service(service) {
                block.service = known.prefix
                block.allActions = form[p + "all-actions"] != nil
                let names = form.all(p + "action").compactMap { catalog?.action($0) }.filter { $0.service == known.prefix }
                block.actions = Set(names.map(\.fullName)).sorted()
            }
            block.allResources = form[p + "all-resources"] != nil
            block.arns = Self.items(form[p + "arns"] ?? "")
            block.requireMFA = form[p + "mfa"] != nil
            block.sourceIPs = Self.items(form[p + "source-ip"] ?? "")
            blocks.append(block)
        }
        self.init(blocks: blocks)
    }

    /// Values separated by white space or commas.
    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }

    /// The policy document, pretty-printed. Blocks without a service are left out unless all are empty.
    var json: String {
        var used = blocks.contains { !$0.isEmpty } ? blocks.filter { !$0.isEmpty } : blocks
        // Unnamed blocks get AWS's `VisualEditorN` statement IDs, unique in the document.
        var taken = Set(used.map(\.sid).filter { !$0.isEmpty })
        for index in used.indices where used[index].sid.isEmpty {
            var number = index
            while taken.contains("VisualEditor\(number)") { number += 1 }
            used[index].sid = "VisualEditor\(number)"
            taken.insert(used[index].sid)
        }
        let statements = used.map(Self.statementJSON)
        return PolicyJSON.pretty(JSONText.object([("Version", JSONText.quote("2012-10-17")),
                                                  ("Statement", "[" + statements.joined(separator: ", ") + "]")]))
    }

    private static func statementJSON(_ block: Block) -> String {
        var members = [("Sid", JSONText.quote(block.sid)),
                       ("Effect", JSONText.quote(block.effect.rawValue)),
                       ("Action", PolicyJSON.strings(block.allActions ? [block.service + ":*"] : block.actions)),
                       ("Resource", PolicyJSON.strings(block.allResources ? ["*"] : block.arns))]
        var conditions: [(String, String)] = []
        if block.requireMFA {
            conditions.append(("Bool", JSONText.object([("aws:MultiFactorAuthPresent", JSONText.quote("true"))])))
        }
        if !block.sourceIPs.isEmpty {
            conditions.append(("IpAddress", JSONText.object([("aws:SourceIp", PolicyJSON.strings(block.sourceIPs))])))
        }
        if !conditions.isEmpty { members.append(("Condition", JSONText.object(conditions))) }
        return JSONText.object(members)
    }
}
