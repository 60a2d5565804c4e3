import IAMModel
import IAMPolicy
import IAMPolicyCatalog
import IAMStorage

/// Gathers everything that applies to a user (inline and attached policies of the user and of
/// each of its groups, and its permissions boundary) or to a role, compiled and cached.
struct PolicySetBuilder: Sendable {
    let store: any IAMStore
    let catalog: ManagedPolicyCatalog
    let cache: PolicyCache

    func policySet(for user: IAMUser) async throws -> PolicySet {
        if let cached = cache.policySet(userID: user.id) { return cached }
        let generation = cache.generation
        var identity: [CompiledPolicy] = []
        for inline in try await store.inlinePolicies(.user(user.id)) {
            identity.append(try compile(name: inline.name, document: inline.document))
        }
        for arn in try await store.attachedPolicies(.user(user.id)) {
            if let policy = try await managedPolicy(arn, generation: generation) { identity.append(policy) }
        }
        for group in try await store.groupsForUser(userID: user.id) {
            for inline in try await store.inlinePolicies(.group(group.id)) {
                identity.append(try compile(name: inline.name, document: inline.document))
            }
            for arn in try await store.attachedPolicies(.group(group.id)) {
                if let policy = try await managedPolicy(arn, generation: generation) { identity.append(policy) }
            }
        }
        let set = PolicySet(identity: identity, boundary: try await boundary(user.permissionsBoundaryARN, generation: generation))
        cache.store(set, userID: user.id, generation: generation)
        return set
    }

    /// An assumed role's identity policies and boundary.
    func policySet(forRoleID roleID: String) async throws -> PolicySet {
        // A session of a role that was deleted is worthless (AWS: the token is no longer valid).
        guard let role = try await store.role(id: roleID) else { throw AWSServiceError.invalidClientTokenID() }
        return try await policySet(for: role)
    }

    /// A session's own policies (`Policy` and `PolicyArns`), compiled. A managed session policy
    /// that no longer exists allows nothing.
    func sessionPolicies(_ session: SessionIdentity) async throws -> [CompiledPolicy] {
        var compiled: [CompiledPolicy] = []
        for (index, document) in session.policyDocuments.enumerated() {
            compiled.append(try compile(name: index == 0 ? "SessionPolicy" : "SessionPolicy\(index + 1)", document: document))
        }
        let generation = cache.generation
        for arn in session.policyARNs {
            if let policy = try await managedPolicy(arn, generation: generation) { compiled.append(policy) }
        }
        return compiled
    }

    /// What applies to a role's sessions: the role's inline and attached policies and its
    /// permissions boundary (session policies are the caller's to add).
    func policySet(for role: IAMRole) async throws -> PolicySet {
        if let cached = cache.policySet(roleID: role.id) { return cached }
        let generation = cache.generation
        var identity: [CompiledPolicy] = []
        for inline in try await store.inlinePolicies(.role(role.id)) {
            identity.append(try compile(name: inline.name, document: inline.document))
        }
        for arn in try await store.attachedPolicies(.role(role.id)) {
            if let policy = try await managedPolicy(arn, generation: generation) { identity.append(policy) }
        }
        let set = PolicySet(identity: identity, boundary: try await boundary(role.permissionsBoundaryARN, generation: generation))
        cache.store(set, roleID: role.id, generation: generation)
        return set
    }

    /// A permissions boundary, compiled; one that no longer resolves allows nothing.
    private func boundary(_ arn: String?, generation: Int) async throws -> CompiledPolicy? {
        guard let arn else { return nil }
        return try await managedPolicy(arn, generation: generation)
            ?? CompiledPolicy(name: arn, text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)
    }

    /// A managed policy's default version, compiled; nil when it does not exist.
    func managedPolicy(_ arn: String, generation: Int) async throws -> CompiledPolicy? {
        if let cached = cache.managedPolicy(arn) { return cached }
        let compiled: CompiledPolicy
        if arn.hasPrefix(IAMARN.awsManagedPrefix) {
            guard let policy = catalog.policy(arn) else { return nil }
            compiled = try compile(name: policy.name, document: policy.document)
        } else {
            guard let parts = IAMARN.parsePolicy(arn),
                  let policy = try await store.policy(accountID: parts.account, name: parts.name),
                  policy.arn == arn,
                  let version = try await store.versions(policyID: policy.id).first(where: \.isDefault) else { return nil }
            compiled = try compile(name: policy.name, document: version.document)
        }
        cache.store(compiled, arn: arn, generation: generation)
        return compiled
    }

    private func compile(name: String, document: String) throws -> CompiledPolicy {
        do {
            return try CompiledPolicy(name: name, text: document)
        } catch {
            // Stored documents were validated on the way in; this means the store was edited by hand.
            throw AWSServiceError.serviceFailure("A stored policy could not be parsed.")
        }
    }
}
