import IAMPolicy
import IAMPolicyCatalog

extension PolicySummary {
    /// The summary as text: one table per section (Service, Access level, Resource, Request condition)
    /// and, with `actions`, a drill-down per row listing the covered actions with their access level,
    /// resources and conditions.
    ///
    /// Format:
    /// - Access level: `Full access` (every action of the service); otherwise `Full: <levels>` (every
    ///   action at those levels) and/or `Limited: <levels>` (some actions at those levels), joined by
    ///   `; `, e.g. `Full: List, Read; Limited: Write`. A `NotAction` row reads `All actions except:`
    ///   followed by the excepted entries; an all-services pattern row adds `actions matching <patterns>`.
    /// - Resource: `All resources`, `All resources except <ARNs>` (`NotResource`), or the ARN patterns.
    /// - Request condition: `None`, or each condition block in words (`PolicySummaryConditionText`).
    /// - When a Resource or Request condition line applies to only some of a service's actions, it ends
    ///   with `[N actions]`.
    public func table(actions: Bool = false) -> String {
        var lines = ["Policy summary: " + policies.joined(separator: ", ")]
        for section in Section.allCases {
            let sectionRows = rows(in: section)
            guard !sectionRows.isEmpty else { continue }
            lines.append("")
            lines.append(heading(section, sectionRows))
            var table = PolicySummaryTextTable(["Service", "Access level", "Resource", "Request condition"])
            for row in sectionRows {
                table.append([[row.serviceName], accessLevelCell(row), cell(row.resources), cell(row.conditions)])
            }
            lines += table.render()
        }
        if actions {
            for row in rows where row.kind != .unrecognized {
                lines.append("")
                lines += drillDown(row)
            }
        }
        return lines.joined(separator: "\n")
    }

    private func heading(_ section: Section, _ rows: [Row]) -> String {
        switch section {
        case .uncategorized:
            return "Uncategorized (not in the action catalog)"
        case .explicitDeny, .allow:
            if rows.contains(where: { $0.kind == .allServices }) { return "\(section.rawValue) (all services)" }
            return "\(section.rawValue) (\(rows.count) of \(catalogServiceCount) services)"
        }
    }

    private func accessLevelCell(_ row: Row) -> [String] {
        switch row.kind {
        case .allServices where row.actionIsNegated:
            return ["All actions except:"] + row.patterns.map { "  " + $0.pattern }
        case .allServices:
            if row.isFullAccess { return ["Full access"] }
            return [row.accessLevel, "  actions matching " + row.patterns.map(\.pattern).joined(separator: ", ")]
        case .unrecognized:
            return [row.accessLevel + " (\(row.effect.rawValue))"] + row.patterns.map { "  " + $0.pattern }
        case .service:
            return [row.accessLevel]
        }
    }

    private func cell(_ lines: [Line]) -> [String] {
        lines.map { line in
            guard let count = line.actionCount else { return line.text }
            return line.text + " [\(Self.actions(count))]"
        }
    }

    // MARK: - Drill-down

    private func drillDown(_ row: Row) -> [String] {
        let title = "[\(row.section.rawValue)] \(row.serviceName)"
        if row.kind == .allServices {
            let total = row.levels.reduce(0) { $0 + $1.total }
            var table = PolicySummaryTextTable([row.actionIsNegated ? "Except (NotAction)" : "Action", "Matches"])
            for pattern in row.patterns {
                table.append([[pattern.pattern], [Self.matches(pattern)]])
            }
            return ["\(title): \(row.coveredActions) of \(total) actions in \(row.coveredServices) services"]
                + table.render()
        }
        let total = row.levels.reduce(0) { $0 + $1.total }
        var table = PolicySummaryTextTable(["Access level", "Action", "Resource", "Request condition"])
        for level in row.levels where level.covered > 0 {
            let entries = row.actions.filter { $0.accessLevel == level.level }
            let grantSets = Set(entries.map(\.grants))
            if level.covered == level.total, grantSets.count == 1, let grants = grantSets.first {
                for grant in grants {
                    table.append([[level.level.rawValue], ["(all \(level.total))"], grant.resources, [grant.condition ?? "None"]])
                }
                continue
            }
            for entry in entries {
                for grant in entry.grants {
                    table.append([[level.level.rawValue], [entry.name], grant.resources, [grant.condition ?? "None"]])
                }
            }
        }
        return ["\(title) (\(row.service)): \(row.coveredActions) of \(total) actions"] + table.render()
    }

    static func matches(_ pattern: PatternMatch) -> String {
        switch pattern.actionCount {
        case 0: return "unrecognized"
        case 1: return pattern.levels.first?.rawValue ?? "1 action"
        default:
            let services = pattern.serviceCount > 1 ? " in \(pattern.serviceCount) services" : ""
            return "\(actions(pattern.actionCount))\(services): " + pattern.levels.map(\.rawValue).joined(separator: ", ")
        }
    }

    static func actions(_ count: Int) -> String {
        count == 1 ? "1 action" : "\(count) actions"
    }
}
