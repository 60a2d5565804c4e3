import IAMPolicy
import IAMPolicyAnalysis
import IAMPolicyCatalog

/// The policy summary as the console shows it: per section (explicit deny, allow, uncategorized), one
/// row per service with its access level, resources and request conditions, and the covered actions.
struct PolicySummaryTable: Sendable {
    struct Section: Sendable {
        var title: String
        var rows: [Row]
    }

    struct Row: Sendable {
        var service: String
        var accessLevel: String
        var resources: [String]
        var conditions: [String]
        var actions: [ActionLine]
        var actionCount: String
        var hasActions: Bool
    }

    struct ActionLine: Sendable {
        var name: String
        var level: String
    }

    var sections: [Section]

    /// The summary of one document, or nil when it does not parse or the action catalog cannot be read.
    init?(_ text: String, name: String) {
        guard let catalog = PolicyCatalog.actions, let document = try? PolicyParser.parse(text) else { return nil }
        let summary = PolicySummary.summarize([(name, document)], catalog: catalog)
        sections = PolicySummary.Section.allCases.compactMap { section in
            let rows = summary.rows(in: section)
            guard !rows.isEmpty else { return nil }
            return Section(title: Self.title(section, rows, of: summary.catalogServiceCount), rows: rows.map(Self.row))
        }
    }

    private static func title(_ section: PolicySummary.Section, _ rows: [PolicySummary.Row], of total: Int) -> String {
        switch section {
        case .uncategorized: return "Uncategorized services and actions"
        case .explicitDeny, .allow:
            if rows.contains(where: { $0.kind == .allServices }) { return "\(section.rawValue) (all services)" }
            return "\(section.rawValue) (\(rows.count) of \(total) services)"
        }
    }

    private static func row(_ row: PolicySummary.Row) -> Row {
        var level = row.accessLevel
        if row.kind == .allServices, !row.actionIsNegated, !row.isFullAccess {
            level += ": actions matching " + row.patterns.map(\.pattern).joined(separator: ", ")
        } else if row.kind == .unrecognized {
            level += ": " + row.patterns.map(\.pattern).joined(separator: ", ")
        }
        let actions = row.actions.map { ActionLine(name: $0.name, level: $0.accessLevel.rawValue) }
        return Row(service: row.serviceName, accessLevel: level, resources: row.resources.map(text),
                   conditions: row.conditions.map(text), actions: actions,
                   actionCount: actions.count == 1 ? "1 action" : "\(actions.count) actions", hasActions: !actions.isEmpty)
    }

    private static func text(_ line: PolicySummary.Line) -> String {
        guard let count = line.actionCount else { return line.text }
        return line.text + (count == 1 ? " (1 action)" : " (\(count) actions)")
    }
}
