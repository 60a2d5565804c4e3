/// The statements of several policies grouped by the service prefixes their actions can match,
/// Denies and Allows apart, each list in policy-then-statement order. A request looks up its
/// service once and visits only statements that can apply to it.
struct StatementIndex: Sendable {
    struct Slot: Sendable, Hashable {
        var policy: Int32
        var statement: Int32
    }

    struct Candidates: Sendable {
        var denies: [Slot] = []
        var allows: [Slot] = []
    }

    private var byService: [String: Candidates] = [:]
    /// Statements that may match any service: NotAction, `*`, wildcard prefixes.
    private var universal = Candidates()

    init(_ policies: [CompiledPolicy]) {
        var services: Set<String> = []
        for policy in policies {
            for statement in policy.statements { statement.services.map { services.formUnion($0) } }
        }
        for (p, policy) in policies.enumerated() {
            for (s, statement) in policy.statements.enumerated() {
                let slot = Slot(policy: Int32(p), statement: Int32(s))
                let targets = statement.services ?? services
                if statement.services == nil { Self.append(slot, statement.effect, to: &universal) }
                for service in targets {
                    Self.append(slot, statement.effect, to: &byService[service, default: Candidates()])
                }
            }
        }
    }

    private static func append(_ slot: Slot, _ effect: Effect, to candidates: inout Candidates) {
        switch effect {
        case .deny: candidates.denies.append(slot)
        case .allow: candidates.allows.append(slot)
        }
    }

    @inline(__always)
    func candidates(for service: String) -> Candidates {
        byService[service] ?? universal
    }
}
