/// A statement ready to evaluate: every pattern compiled, every condition value typed.
struct CompiledStatement: Sendable {
    let index: Int
    let sid: String?
    let effect: Effect
    let actions: ActionMatcher
    let actionIsNegated: Bool
    /// `nil`: no Resource element (trust policies), which matches any resource.
    let resources: [ResourceMatcher]?
    let resourceIsNegated: Bool
    let principal: PrincipalMatcher?
    let principalIsNegated: Bool
    let conditions: [CompiledCondition]

    init(_ statement: Statement, variables: Bool) {
        index = statement.index
        sid = statement.sid?.value
        effect = statement.effect
        actions = ActionMatcher(statement.actions.map(\.value))
        actionIsNegated = statement.actionIsNegated
        resources = statement.resources?.map { ResourceMatcher($0.value, variables: variables) }
        resourceIsNegated = statement.resourceIsNegated
        principal = statement.principal.map(PrincipalMatcher.init)
        principalIsNegated = statement.principalIsNegated
        conditions = statement.conditions.map { CompiledCondition($0, variables: variables) }
    }

    /// The services whose actions this statement can apply to; `nil` for any service.
    var services: Set<String>? {
        actionIsNegated ? nil : actions.services
    }

    @inline(__always)
    func matchesAction(_ request: AuthorizationRequest) -> Bool {
        actions.matches(request) != actionIsNegated
    }

    @inline(__always)
    func matchesResource(_ request: AuthorizationRequest) -> Bool {
        guard let resources else { return true }
        var any = false
        for resource in resources where resource.matches(request) {
            any = true
            break
        }
        return any != resourceIsNegated
    }

    /// The first condition that does not hold, or `nil` when all hold.
    @inline(__always)
    func firstFailingCondition(_ context: RequestContext) -> Int? {
        for i in 0..<conditions.count where !conditions[i].evaluate(context) { return i }
        return nil
    }

    /// How the statement's Principal names the caller (`direct` when there is no Principal).
    func principalLevel(_ principal: Principal) -> PrincipalMatcher.Level {
        guard let matcher = self.principal else { return .none }
        let level = matcher.level(for: principal)
        if principalIsNegated { return level == .none ? .direct : .none }
        return level
    }

    /// Action, resource and conditions all match (Principal is checked by the caller).
    @inline(__always)
    func applies(to request: AuthorizationRequest) -> Bool {
        matchesAction(request) && matchesResource(request) && firstFailingCondition(request.context) == nil
    }
}
