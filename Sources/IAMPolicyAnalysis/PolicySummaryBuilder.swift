import IAMPolicy
import IAMPolicyCatalog

/// Accumulates statements, then turns them into the rows of a `PolicySummary`.
struct PolicySummaryBuilder {
    typealias Row = PolicySummary.Row

    struct ServiceKey: Hashable {
        var effect: Effect
        var prefix: String
    }

    /// A known service's covered actions and the statements (grants) covering them.
    struct ServiceAccumulator {
        /// Keyed by `service:name`, lowercased.
        var actions: [String: (action: ActionCatalog.Action, grants: [Int])] = [:]
        var actionsByGrant: [Int: Set<String>] = [:]
        var grantOrder: [Int] = []
    }

    /// Statements reaching every service; identical ones (from several policies) share a row.
    struct AllServicesAccumulator {
        var effect: Effect
        var negated: Bool
        var patterns: [String]
        var grants: [Int]
    }

    struct UnrecognizedAccumulator {
        var patterns: [String] = []
        var grants: [Int] = []
    }

    let catalog: ActionCatalog
    private(set) var grants: [PolicySummary.Grant] = []
    private var services: [ServiceKey: ServiceAccumulator] = [:]
    private var allServices: [AllServicesAccumulator] = []
    private var unrecognized: [ServiceKey: UnrecognizedAccumulator] = [:]

    init(catalog: ActionCatalog) {
        self.catalog = catalog
    }

    mutating func add(_ statement: Statement, policy: String) {
        let grant = grants.count
        grants.append(PolicySummary.Grant(
            policy: policy, statement: statement.label, resources: Self.resourceLines(statement),
            condition: PolicySummaryConditionText.text(statement.conditions)))
        let effect = statement.effect
        let entries = statement.actions.map(\.value)
        if statement.actionIsNegated {
            addAllServices(effect: effect, negated: true, patterns: entries, grant: grant)
            return
        }
        var everyService: [String] = []
        for entry in entries {
            let servicePattern = Self.servicePart(entry)
            let matched = entry == "*" || entry.contains(":") ? catalog.actions(matching: entry) : []
            guard !matched.isEmpty else {
                let prefix = servicePattern.isEmpty ? entry.lowercased() : servicePattern
                unrecognized[ServiceKey(effect: effect, prefix: prefix), default: .init()].add(entry, grant: grant)
                continue
            }
            if servicePattern.allSatisfy({ $0 == "*" }) {
                everyService.append(entry)
                continue
            }
            for action in matched {
                let key = ServiceKey(effect: effect, prefix: action.service.lowercased())
                services[key, default: .init()].add(action, grant: grant)
            }
        }
        if !everyService.isEmpty {
            addAllServices(effect: effect, negated: false, patterns: everyService, grant: grant)
        }
    }

    /// Explicit deny rows, then allow rows (each: all-services rows first, then services by name),
    /// then uncategorized rows.
    func rows() -> [Row] {
        var result: [Row] = []
        for effect in [Effect.deny, .allow] {
            result += allServices.filter { $0.effect == effect }.map(allServicesRow)
            result += services.filter { $0.key.effect == effect }
                .compactMap { serviceRow($0.key, $0.value) }
                .sorted(by: Self.byName)
        }
        for effect in [Effect.deny, .allow] {
            result += unrecognized.filter { $0.key.effect == effect }
                .map { unrecognizedRow($0.key, $0.value) }
                .sorted(by: Self.byName)
        }
        return result
    }

    // MARK: - Accumulating

    private mutating func addAllServices(effect: Effect, negated: Bool, patterns: [String], grant: Int) {
        let new = grants[grant]
        if let i = allServices.firstIndex(where: { row in
            guard row.effect == effect, row.negated == negated, row.patterns == patterns,
                  let first = row.grants.first else { return false }
            return grants[first].resources == new.resources && grants[first].condition == new.condition
        }) {
            allServices[i].grants.append(grant)
        } else {
            allServices.append(AllServicesAccumulator(effect: effect, negated: negated, patterns: patterns, grants: [grant]))
        }
    }

    // MARK: - Rows

    private func serviceRow(_ key: ServiceKey, _ acc: ServiceAccumulator) -> Row? {
        guard let service = catalog.service(key.prefix) else { return nil }
        let covered = acc.actions.values.map(\.action)
        let levels = Self.levelCounts(covered: covered, of: Array(service.actions.values))
        let actions = acc.actions.values
            .sorted { ($0.action.accessLevel, $0.action.name.lowercased()) < ($1.action.accessLevel, $1.action.name.lowercased()) }
            .map { entry in
                PolicySummary.ActionEntry(
                    service: service.prefix, name: entry.action.name, accessLevel: entry.action.accessLevel,
                    grants: entry.grants.map { grants[$0] })
            }
        let total = acc.actions.count
        return Row(
            kind: .service, effect: key.effect, service: key.prefix, serviceName: service.name, actionIsNegated: false,
            patterns: [], levels: levels, isFullAccess: total == service.actions.count, coveredActions: total,
            coveredServices: 1,
            resources: lines(acc.grantOrder, acc.actionsByGrant, total: total) { $0.resources },
            conditions: lines(acc.grantOrder, acc.actionsByGrant, total: total) { [$0.condition ?? "None"] },
            actions: actions, policies: policies(acc.grantOrder))
    }

    private func allServicesRow(_ acc: AllServicesAccumulator) -> Row {
        let everything = catalog.services.values.flatMap { $0.actions.values }
        var matchedKeys = Set<String>()
        var patterns: [PolicySummary.PatternMatch] = []
        for pattern in acc.patterns {
            let matched = catalog.actions(matching: pattern)
            matchedKeys.formUnion(matched.map { $0.fullName.lowercased() })
            patterns.append(PolicySummary.PatternMatch(
                pattern: pattern, actionCount: matched.count, serviceCount: Set(matched.map(\.service)).count,
                levels: Set(matched.map(\.accessLevel)).sorted()))
        }
        let covered = everything.filter { matchedKeys.contains($0.fullName.lowercased()) != acc.negated }
        return Row(
            kind: .allServices, effect: acc.effect, service: "*", serviceName: "All services", actionIsNegated: acc.negated,
            patterns: patterns, levels: Self.levelCounts(covered: covered, of: everything),
            isFullAccess: covered.count == everything.count, coveredActions: covered.count,
            coveredServices: Set(covered.map(\.service)).count,
            resources: lines(acc.grants, [:], total: nil) { $0.resources },
            conditions: lines(acc.grants, [:], total: nil) { [$0.condition ?? "None"] },
            actions: [], policies: policies(acc.grants))
    }

    private func unrecognizedRow(_ key: ServiceKey, _ acc: UnrecognizedAccumulator) -> Row {
        Row(
            kind: .unrecognized, effect: key.effect, service: key.prefix,
            serviceName: catalog.service(key.prefix)?.name ?? key.prefix, actionIsNegated: false,
            patterns: acc.patterns.map { PolicySummary.PatternMatch(pattern: $0, actionCount: 0, serviceCount: 0, levels: []) },
            levels: [], isFullAccess: false, coveredActions: 0, coveredServices: 0,
            resources: lines(acc.grants, [:], total: nil) { $0.resources },
            conditions: lines(acc.grants, [:], total: nil) { [$0.condition ?? "None"] },
            actions: [], policies: policies(acc.grants))
    }

    /// Distinct cell lines over the grants, in statement order; with `total`, each line counts the
    /// actions it applies to (left `nil` when it applies to all `total` of them).
    private func lines(
        _ grantOrder: [Int], _ actionsByGrant: [Int: Set<String>], total: Int?,
        _ text: (PolicySummary.Grant) -> [String]
    ) -> [PolicySummary.Line] {
        var order: [String] = []
        var actions: [String: Set<String>] = [:]
        for grant in grantOrder {
            for line in text(grants[grant]) {
                if actions[line] == nil { order.append(line) }
                actions[line, default: []].formUnion(actionsByGrant[grant] ?? [])
            }
        }
        return order.map { line in
            let count = actions[line]?.count ?? 0
            return PolicySummary.Line(text: line, actionCount: total.flatMap { count == $0 ? nil : count })
        }
    }

    private func policies(_ grantOrder: [Int]) -> [String] {
        var names: [String] = []
        for grant in grantOrder where !names.contains(grants[grant].policy) {
            names.append(grants[grant].policy)
        }
        return names
    }

    // MARK: - Helpers

    static func levelCounts(covered: [ActionCatalog.Action], of all: [ActionCatalog.Action]) -> [PolicySummary.LevelCount] {
        ActionCatalog.AccessLevel.allCases.compactMap { level in
            let total = all.filter { $0.accessLevel == level }.count
            guard total > 0 else { return nil }
            return PolicySummary.LevelCount(level: level, covered: covered.filter { $0.accessLevel == level }.count,
                                          total: total)
        }
    }

    static func resourceLines(_ statement: Statement) -> [String] {
        guard let resources = statement.resources?.map(\.value) else { return ["All resources"] }
        if statement.resourceIsNegated {
            return ["All resources except " + resources.joined(separator: ", ")]
        }
        var lines: [String] = []
        for resource in resources {
            let line = resource == "*" ? "All resources" : resource
            if !lines.contains(line) { lines.append(line) }
        }
        return lines
    }

    /// The lowercased service part of an action entry (`ec2` of `EC2:Describe*`; all of it when there is no colon).
    static func servicePart(_ entry: String) -> String {
        String(entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").lowercased()
    }

    static func byName(_ a: Row, _ b: Row) -> Bool {
        (a.serviceName.lowercased(), a.service) < (b.serviceName.lowercased(), b.service)
    }
}

extension PolicySummaryBuilder.ServiceAccumulator {
    mutating func add(_ action: ActionCatalog.Action, grant: Int) {
        let key = action.fullName.lowercased()
        if actions[key] == nil { actions[key] = (action, []) }
        if actions[key]?.grants.contains(grant) == false { actions[key]?.grants.append(grant) }
        actionsByGrant[grant, default: []].insert(key)
        if !grantOrder.contains(grant) { grantOrder.append(grant) }
    }
}

extension PolicySummaryBuilder.UnrecognizedAccumulator {
    mutating func add(_ pattern: String, grant: Int) {
        if !patterns.contains(pattern) { patterns.append(pattern) }
        if !grants.contains(grant) { grants.append(grant) }
    }
}
