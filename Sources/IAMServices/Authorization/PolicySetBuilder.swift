import IAMModel
import IAMPolicy
import IAMPolicyCatalog
import IAMStorage

/// Gathers everything that applies to a user: inline and attached policies of the user and of
/// each of its groups, and its permissions boundary, compiled and cached.
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
        var boundary: CompiledPolicy?
        if let arn = user.permissionsBoundaryARN {
            // A boundary that no longer resolves allows nothing.
            boundary = try await managedPolicy(arn, generation: generation)
                ?? CompiledPolicy(name: arn, text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)
        }
        let set = PolicySet(identity: identity, boundary: boundary)
        cache.store(set, userID: user.id, generation: generation)
        return set
    }

    /// An assumed role's identity policies and boundary.
    func policySet(forRoleID roleID: String) async throws -> PolicySet {
        // Roles arrive with the roles family; until then no role session can exist.
        throw AWSServiceError.invalidClientTokenID()
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
