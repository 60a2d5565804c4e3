import IAMPolicy
import IAMPolicyCatalog

extension PolicySummary {
    /// The summary as one JSON object: `policies`, `catalog_services` and `rows`, each row with its
    /// section, effect, kind, service, access level (text plus per-level counts), resources and
    /// conditions (`actions` is the number of the row's actions a line applies to, `null` for all),
    /// patterns and policies; with `actions`, each service row also lists its actions and the
    /// statements covering them.
    public func json(actions: Bool = false) -> String {
        let items = rows.map { row in
            var members: [(String, String)] = [
                ("section", JSONText.quote(row.section.rawValue)),
                ("effect", JSONText.quote(row.effect.rawValue)),
                ("kind", JSONText.quote(row.kind.rawValue)),
                ("service", JSONText.quote(row.service)),
                ("service_name", JSONText.quote(row.serviceName)),
                ("access_level", JSONText.quote(row.accessLevel)),
                ("full_access", row.isFullAccess ? "true" : "false"),
                ("not_action", row.actionIsNegated ? "true" : "false"),
                ("levels", Self.array(row.levels.map { level in
                    JSONText.object([
                        ("level", JSONText.quote(level.level.rawValue)), ("covered", String(level.covered)),
                        ("total", String(level.total)),
                    ])
                })),
                ("covered_actions", String(row.coveredActions)),
                ("covered_services", String(row.coveredServices)),
                ("patterns", Self.array(row.patterns.map { pattern in
                    JSONText.object([
                        ("pattern", JSONText.quote(pattern.pattern)), ("actions", String(pattern.actionCount)),
                        ("services", String(pattern.serviceCount)),
                        ("levels", Self.array(pattern.levels.map { JSONText.quote($0.rawValue) })),
                    ])
                })),
                ("resources", Self.lines(row.resources)),
                ("conditions", Self.lines(row.conditions)),
                ("policies", Self.array(row.policies.map { JSONText.quote($0) })),
            ]
            if actions {
                members.append(("actions", Self.array(row.actions.map { entry in
                    JSONText.object([
                        ("action", JSONText.quote(entry.fullName)),
                        ("access_level", JSONText.quote(entry.accessLevel.rawValue)),
                        ("grants", Self.array(entry.grants.map(Self.grant))),
                    ])
                })))
            }
            return JSONText.object(members)
        }
        return JSONText.object([
            ("policies", Self.array(policies.map { JSONText.quote($0) })),
            ("catalog_services", String(catalogServiceCount)),
            ("rows", Self.array(items)),
        ])
    }

    private static func grant(_ grant: Grant) -> String {
        JSONText.object([
            ("policy", JSONText.quote(grant.policy)), ("statement", JSONText.quote(grant.statement)),
            ("resources", array(grant.resources.map { JSONText.quote($0) })),
            ("condition", JSONText.quote(grant.condition)),
        ])
    }

    private static func lines(_ lines: [Line]) -> String {
        array(lines.map { line in
            JSONText.object([("text", JSONText.quote(line.text)), ("actions", line.actionCount.map(String.init) ?? "null")])
        })
    }

    private static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }
}
