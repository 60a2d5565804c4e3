import AWSQuery
import IAMModel
import IAMPolicy
import IAMStorage

/// AssumeRole in the gate: the role's trust policy is the resource policy; the caller's identity
/// policies count as for any request (same account: a trust policy naming the caller grants on its
/// own; one naming only the account needs an identity Allow). Session tags need sts:TagSession and
/// a source identity sts:SetSourceIdentity, decided the same way.
extension Authorizer {
    func authorizeAssumption(_ action: String, role roleARN: String, _ parameter: String, _ parameters: QueryParameters,
                             _ spec: AuthorizationSpec, caller: Caller, facts: RequestFacts) async throws -> Outcome {
        guard let set = try await policySet(for: caller) else {
            throw AWSServiceError.accessDenied("Roles may not be assumed by root accounts.")
        }
        let context = try requestContext(spec, parameters, caller: caller, facts: facts)
        let trust = try await trustPolicy(roleARN)
        var actions = [action]
        if !(try parameters.tags()).isEmpty { actions.append("sts:TagSession") }
        if parameters["SourceIdentity"] != nil || caller.assumed?.sourceIdentity != nil { actions.append("sts:SetSourceIdentity") }
        var first: Decision?
        for wanted in actions {
            let request = AuthorizationRequest(principal: caller.principal, action: wanted, resource: roleARN, context: context)
            // A role that does not exist has no trust policy: nothing can grant (AWS answers AccessDenied).
            // The trust policy must allow the caller (at any level) whatever identity policies say.
            guard let trust, PolicyEvaluator.resourcePolicyAllows(request, trust) != nil else {
                observe(.implicitDeny(.identity), action: wanted)
                throw AWSServiceError.accessDenied("User: \(caller.arn) is not authorized to perform: \(wanted) on resource: \(roleARN)")
            }
            let decision = PolicyEvaluator.evaluate(request, set.with(resource: trust))
            observe(decision, action: wanted)
            guard decision.isAllowed else {
                let why = decision.denialPhrase(action: wanted) ?? ""
                var denial = AWSServiceError.accessDenied(
                    "User: \(caller.arn) is not authorized to perform: \(wanted) on resource: \(roleARN) \(why)".trimmingSuffixSpace)
                denial.explanation = decision.explanation
                throw denial
            }
            if first == nil { first = decision }
        }
        return Outcome(action: action, resource: roleARN, decision: first)
    }

    /// The trust policy of the role an ARN names (exact path), compiled as a resource policy.
    func trustPolicy(_ roleARN: String) async throws -> CompiledPolicy? {
        guard let parts = RoleARN(roleARN), let role = try await store.role(accountID: parts.account, name: parts.name),
              role.arn == roleARN else { return nil }
        return try? CompiledPolicy(name: "\(role.name) trust policy", text: role.trustPolicy)
    }
}

extension String {
    var trimmingSuffixSpace: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
