import AWSQuery
import IAMModel
import IAMPolicy

/// AssumeRoleWithWebIdentity / AssumeRoleWithSAML in the gate: there is no caller identity, only
/// the federated principal (the IAM provider's ARN) and the token's claims as condition keys; the
/// role's trust policy alone decides.
extension Authorizer {
    func authorizeFederated(_ actions: [String], roleARN: String, account: String, providerARN: String,
                            keys: [(key: String, values: [String])], facts: RequestFacts) async throws {
        let trust = try await trustPolicy(roleARN)
        let principal = Principal(kind: .federatedUser, arn: providerARN, accountID: account)
        var context = RequestContext()
        context.set("aws:CurrentTime", .string(AWSTimestamp.iso8601(epochSeconds: facts.time)))
        context.set("aws:EpochTime", .number(String(facts.time)))
        context.set("aws:SecureTransport", .bool(facts.secureTransport))
        context.set("aws:SourceIp", .string(facts.sourceIP))
        context.set("aws:RequestedRegion", .string(facts.region))
        context.set("aws:FederatedProvider", .string(providerARN))
        for (key, values) in keys {
            if values.count == 1, let value = values.first { context.set(key, .string(value)) } else {
                context.set(key, values: values.map(ContextValue.string))
            }
        }
        for action in actions {
            let request = AuthorizationRequest(principal: principal, action: action, resource: roleARN, context: context)
            let decision = trust.flatMap { trust in
                PolicyEvaluator.resourcePolicyAllows(request, trust) == nil
                    ? nil : PolicyEvaluator.evaluate(request, PolicySet(identity: [], resource: trust))
            } ?? .implicitDeny(.identity)
            observe(decision, action: action)
            guard decision.isAllowed else {
                throw AWSServiceError.accessDenied("Not authorized to perform \(action)")
            }
        }
    }
}
