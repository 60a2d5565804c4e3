extension PolicyEvaluator {
    /// Evaluates like `evaluate` and also traces every statement of every policy. Slower: for
    /// the simulator, error details and tests, not for the request path.
    public static func explain(_ request: AuthorizationRequest, _ policies: PolicySet) -> Explanation {
        var traces: [Explanation.StatementTrace] = []
        let groups: [(StatementReference.PolicyType, [CompiledPolicy])] = [
            (.identity, policies.identity),
            (.boundary, policies.boundary.map { [$0] } ?? []),
            (.resource, policies.resource.map { [$0] } ?? []),
            (.session, policies.session ?? []),
        ]
        for (type, group) in groups {
            for policy in group {
                for statement in policy.statements {
                    let reference = StatementReference(policyName: policy.name, policyType: type,
                                                       statementIndex: statement.index, sid: statement.sid)
                    traces.append(.init(reference: reference, effect: statement.effect,
                                        result: trace(statement, type, request)))
                }
            }
        }
        return Explanation(decision: evaluate(request, policies), statements: traces)
    }

    private static func trace(
        _ statement: CompiledStatement, _ type: StatementReference.PolicyType, _ request: AuthorizationRequest
    ) -> Explanation.StatementTrace.Result {
        if type == .resource && statement.principalLevel(request.principal) == .none { return .principalNotMatched }
        if !statement.matchesAction(request) { return .actionNotMatched }
        if !statement.matchesResource(request) { return .resourceNotMatched }
        if let failing = statement.firstFailingCondition(request.context) {
            let condition = statement.conditions[failing]
            return .conditionFalse(operator: condition.conditionOperator.name, key: condition.keyName,
                                   keyPresent: request.context.entry(forLowercasedKey: condition.key) != nil)
        }
        return .applies
    }
}
