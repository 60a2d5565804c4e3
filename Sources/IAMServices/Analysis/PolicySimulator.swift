import IAMPolicy

/// The policy simulator: evaluates actions on resources against identity policies, an optional
/// permissions boundary and an optional resource policy, with the engine's explanations, and reports
/// what AWS's SimulateCustomPolicy/SimulatePrincipalPolicy report: the decision, the statements that
/// decided it (every applicable Deny for an explicit deny, every applicable Allow for an allow, none
/// for an implicit deny) with their positions, the context keys the relevant statements use that
/// the request did not give, and whether the boundary allows. Pure.
struct PolicySimulator {
    struct MatchedStatement: Sendable, Hashable {
        var sourcePolicyID: String
        var sourcePolicyType: String
        var span: StatementSpan?
    }

    /// One action on one resource.
    struct Outcome: Sendable {
        var resource: String
        /// `allowed`, `explicitDeny` or `implicitDeny`.
        var decision: String
        var matched: [MatchedStatement]
        var missingContextValues: [String]
        /// nil when no boundary takes part.
        var allowedByBoundary: Bool?
    }

    /// One action: on `*`, or on each resource with the most restrictive decision on top (AWS returns
    /// one result per action, with the resources in `ResourceSpecificResults`).
    struct Result: Sendable {
        var action: String
        var resourceName: String
        var decision: String
        var matched: [MatchedStatement]
        var missingContextValues: [String]
        var allowedByBoundary: Bool?
        /// nil when no resources were given (the action was simulated on `*`).
        var resources: [Outcome]?
    }

    /// A policy with what the simulator reports about each of its statements, worked out once.
    private struct Entry {
        var policy: NamedPolicy
        var spans: [StatementSpan?]
        /// Each statement's context keys, and those of its Resource variables alone.
        var keys: [[String]]
        var resourceKeys: [[String]]

        init(_ policy: NamedPolicy) {
            self.policy = policy
            let statements = policy.document.statements
            spans = statements.map { StatementSpan(statementAt: $0.location, in: policy.text) }
            keys = statements.map { ContextKeyCollector.keys(of: $0, in: policy.document) }
            resourceKeys = statements.map { ContextKeyCollector.resourceVariableKeys(of: $0, in: policy.document) }
        }
    }

    private let policies: [String: Entry]
    private let set: PolicySet
    private let principal: Principal
    private let context: RequestContext
    private let hasBoundary: Bool

    init(identity: [NamedPolicy], boundary: NamedPolicy?, resourcePolicy: NamedPolicy?, principal: Principal, context: RequestContext) {
        var policies: [String: Entry] = [:]
        var compiled: [CompiledPolicy] = []
        for (i, policy) in identity.enumerated() {
            policies["i\(i)"] = Entry(policy)
            compiled.append(CompiledPolicy(name: "i\(i)", document: policy.document))
        }
        if let boundary { policies["b"] = Entry(boundary) }
        if let resourcePolicy { policies["r"] = Entry(resourcePolicy) }
        self.policies = policies
        set = PolicySet(identity: compiled, boundary: boundary.map { CompiledPolicy(name: "b", document: $0.document) },
                        resource: resourcePolicy.map { CompiledPolicy(name: "r", document: $0.document) })
        self.principal = principal
        self.context = context
        hasBoundary = boundary != nil
    }

    func simulate(action: String, resources: [String]?) -> Result {
        guard let resources, !resources.isEmpty else {
            let outcome = evaluate(action: action, resource: "*")
            return Result(action: action, resourceName: "*", decision: outcome.decision, matched: outcome.matched,
                          missingContextValues: outcome.missingContextValues, allowedByBoundary: outcome.allowedByBoundary,
                          resources: nil)
        }
        let outcomes = resources.map { evaluate(action: action, resource: $0) }
        let decision = ["explicitDeny", "implicitDeny"].first { d in outcomes.contains { $0.decision == d } } ?? "allowed"
        var matched: [MatchedStatement] = []
        for outcome in outcomes where outcome.decision == decision {
            for statement in outcome.matched where !matched.contains(statement) { matched.append(statement) }
        }
        return Result(action: action, resourceName: resources[0], decision: decision, matched: matched,
                      missingContextValues: ContextKeyCollector.deduplicated(outcomes.flatMap(\.missingContextValues)),
                      allowedByBoundary: hasBoundary ? outcomes.allSatisfy { $0.allowedByBoundary == true } : nil,
                      resources: outcomes)
    }

    func evaluate(action: String, resource: String) -> Outcome {
        let request = AuthorizationRequest(principal: principal, action: action, resource: resource, context: context)
        let explanation = PolicyEvaluator.explain(request, set)
        let outcome = explanation.decision.outcome
        var matched: [MatchedStatement] = []
        var keys: [String] = []
        var boundaryAllows = false
        var boundaryDenies = false
        for trace in explanation.statements {
            let index = trace.reference.statementIndex
            guard let entry = policies[trace.reference.policyName], index < entry.spans.count else { continue }
            let policy = entry.policy
            switch trace.result {
            case .applies:
                let type = trace.reference.policyType
                if type == .boundary {
                    if trace.effect == .allow { boundaryAllows = true } else { boundaryDenies = true }
                }
                if (outcome == .explicitDeny && trace.effect == .deny) || (outcome == .allow && trace.effect == .allow && type != .boundary) {
                    matched.append(MatchedStatement(sourcePolicyID: policy.sourcePolicyID, sourcePolicyType: policy.sourcePolicyType,
                                                    span: entry.spans[index]))
                }
                keys += entry.keys[index]
            case .conditionFalse:
                keys += entry.keys[index]
            case .resourceNotMatched:
                keys += entry.resourceKeys[index]
            case .actionNotMatched, .principalNotMatched:
                break
            }
        }
        let decision = switch outcome {
        case .allow: "allowed"
        case .explicitDeny: "explicitDeny"
        case .implicitDeny: "implicitDeny"
        }
        return Outcome(resource: resource, decision: decision, matched: matched,
                       missingContextValues: ContextKeyCollector.deduplicated(keys).filter { context.values($0) == nil },
                       allowedByBoundary: hasBoundary ? (boundaryAllows && !boundaryDenies) : nil)
    }
}
