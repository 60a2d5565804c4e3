/// AWS's evaluation logic for one account (iam-facts §2.6): any matching Deny wins; a resource
/// policy naming the caller grants on its own; otherwise an identity Allow is needed, capped by
/// the permissions boundary and session policies. Pure: never throws, reads no clock.
public enum PolicyEvaluator {
    /// The first Allow of a resource-based policy that applies to the request and names the
    /// principal at any level (itself, its role, or its account). A role's trust policy must have
    /// one for AssumeRole, whatever identity policies allow.
    public static func resourcePolicyAllows(_ request: AuthorizationRequest, _ policy: CompiledPolicy) -> StatementReference? {
        firstResourceMatch(.allow, in: policy, request)?.0
    }

    public static func evaluate(_ request: AuthorizationRequest, _ policies: PolicySet) -> Decision {
        let candidates = policies.identityIndex.candidates(for: request.service)

        // 1. Explicit deny, in identity policies, boundary, resource policy, session policies.
        for slot in candidates.denies {
            let statement = policies.identity[Int(slot.policy)].statements[Int(slot.statement)]
            if statement.applies(to: request) { return .explicitDeny(policies.reference(slot)) }
        }
        if let boundary = policies.boundary, let deny = firstMatch(.deny, in: boundary, .boundary, request) {
            return .explicitDeny(deny)
        }
        var resourceAllow: (StatementReference, PrincipalMatcher.Level)?
        if let resource = policies.resource {
            if let deny = firstResourceMatch(.deny, in: resource, request) { return .explicitDeny(deny.0) }
            resourceAllow = firstResourceMatch(.allow, in: resource, request)
        }
        if let session = policies.session {
            for policy in session {
                if let deny = firstMatch(.deny, in: policy, .session, request) { return .explicitDeny(deny) }
            }
        }

        // 2. The root user may do anything not explicitly denied.
        if request.principal.kind == .account { return .allow(nil) }

        // 3. A resource policy naming the caller itself grants on its own.
        if let (reference, level) = resourceAllow, level == .direct { return .allow(reference) }

        // 4. Identity policies (or a resource policy naming the caller's role).
        var allow: StatementReference?
        for slot in candidates.allows {
            let statement = policies.identity[Int(slot.policy)].statements[Int(slot.statement)]
            if statement.applies(to: request) {
                allow = policies.reference(slot)
                break
            }
        }
        if allow == nil, let (reference, level) = resourceAllow, level == .role { allow = reference }
        guard let allow else { return .implicitDeny(.identity) }

        // 5. The permissions boundary caps identity permissions.
        if let boundary = policies.boundary, firstMatch(.allow, in: boundary, .boundary, request) == nil {
            return .implicitDeny(.boundary)
        }

        // 6. Session policies cap the session's permissions.
        if let session = policies.session,
           !session.contains(where: { firstMatch(.allow, in: $0, .session, request) != nil }) {
            return .implicitDeny(.session)
        }
        return .allow(allow)
    }

    static func firstMatch(
        _ effect: Effect, in policy: CompiledPolicy, _ type: StatementReference.PolicyType,
        _ request: AuthorizationRequest
    ) -> StatementReference? {
        for statement in policy.statements where statement.effect == effect && statement.applies(to: request) {
            return StatementReference(policyName: policy.name, policyType: type,
                                      statementIndex: statement.index, sid: statement.sid)
        }
        return nil
    }

    /// The first statement of a resource policy with this effect that applies and whose
    /// Principal names the caller; Deny statements apply at any naming level, Allows report it.
    static func firstResourceMatch(
        _ effect: Effect, in policy: CompiledPolicy, _ request: AuthorizationRequest
    ) -> (StatementReference, PrincipalMatcher.Level)? {
        var best: (StatementReference, PrincipalMatcher.Level)?
        for statement in policy.statements where statement.effect == effect {
            let level = statement.principalLevel(request.principal)
            guard level != .none, statement.applies(to: request) else { continue }
            let reference = StatementReference(policyName: policy.name, policyType: .resource,
                                               statementIndex: statement.index, sid: statement.sid)
            if effect == .deny { return (reference, level) }
            if level > (best?.1 ?? .none) { best = (reference, level) }
            if level == .direct { break }
        }
        return best
    }
}
