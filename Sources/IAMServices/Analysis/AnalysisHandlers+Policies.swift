import IAMModel
import IAMPolicy
import IAMPolicyCatalog
import IAMStorage

extension AnalysisHandlers {
    /// The permissions policies of an entity: a user's inline and attached policies, then each of its
    /// groups' (in name order); a group's or role's own; a managed policy itself.
    func permissionsPolicies(_ entity: AnalysisEntity, _ caller: Caller) async throws -> [NamedPolicy] {
        switch entity {
        case .identity(let identity):
            var out = try await principalPolicies(identity.ref, type: identity.entityType, name: identity.name, caller)
            if identity.kind == .user {
                for group in try await store.groupsForUser(userID: identity.id) {
                    out += try await principalPolicies(.group(group.id), type: "GROUP", name: group.name, caller)
                }
            }
            return out
        case .policy(let arn, _):
            return try await managedPolicy(arn, caller).map { [$0] } ?? []
        }
    }

    /// The permissions boundary of a user or role, if it has one.
    func permissionsBoundary(_ entity: AnalysisEntity, _ caller: Caller) async throws -> NamedPolicy? {
        guard case .identity(let identity) = entity, let arn = identity.boundaryARN else { return nil }
        return try await managedPolicy(arn, caller)
    }

    private func principalPolicies(_ principal: IAMPrincipalRef, type: String, name: String, _ caller: Caller) async throws -> [NamedPolicy] {
        var out: [NamedPolicy] = []
        for inline in try await store.inlinePolicies(principal) {
            out.append(NamedPolicy(name: inline.name, origin: .inline(entityType: type, entityName: name), text: inline.document,
                                   document: try storedDocument(inline.document)))
        }
        for arn in try await store.attachedPolicies(principal) {
            if let policy = try await managedPolicy(arn, caller) { out.append(policy) }
        }
        return out
    }

    /// A managed policy's default version; nil when it no longer exists.
    func managedPolicy(_ arn: String, _ caller: Caller) async throws -> NamedPolicy? {
        guard let found = try await managedPolicyText(arn, accountID: caller.accountID) else { return nil }
        return NamedPolicy(name: found.name, origin: .managed(arn: arn, awsManaged: arn.hasPrefix(IAMARN.awsManagedPrefix)),
                           text: found.text, document: try storedDocument(found.text))
    }

    /// The name and default version text of an AWS managed policy or a customer managed policy of the account.
    func managedPolicyText(_ arn: String, accountID: String) async throws -> (name: String, text: String)? {
        if arn.hasPrefix(IAMARN.awsManagedPrefix) {
            return catalog.policy(arn).map { ($0.name, $0.document) }
        }
        guard let parts = IAMARN.parsePolicy(arn), parts.account == accountID,
              let policy = try await store.policy(accountID: accountID, name: parts.name), policy.arn == arn,
              let version = try await store.versions(policyID: policy.id).first(where: \.isDefault) else { return nil }
        return (policy.name, version.document)
    }

    private func storedDocument(_ text: String) throws -> PolicyDocument {
        do {
            return try PolicyParser.parse(text)
        } catch {
            // Stored documents were validated on the way in; this means the store was edited by hand.
            throw AWSServiceError.serviceFailure("A stored policy could not be parsed.")
        }
    }
}
