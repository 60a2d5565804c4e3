import AWSQuery
import IAMModel
import IAMPolicy
import IAMStorage

/// A user, group or role as the holder of inline and attached policies: the *UserPolicy,
/// *GroupPolicy and *RolePolicy operations are the same operations on different holders.
struct PolicyHolder: Sendable {
    enum Kind: Sendable {
        case user, group, role

        var noun: String {
            switch self {
            case .user: "user"
            case .group: "group"
            case .role: "role"
            }
        }

        /// The name element of GetUserPolicy / GetGroupPolicy / GetRolePolicy.
        var nameElement: String {
            switch self {
            case .user: "UserName"
            case .group: "GroupName"
            case .role: "RoleName"
            }
        }

        /// Managed policies attached to one holder, and AWS's name for the quota.
        var attachedQuota: (limit: Int, name: String) {
            switch self {
            case .user: (IAMQuotas.managedPoliciesPerUser, "PoliciesPerUser")
            case .group: (IAMQuotas.managedPoliciesPerGroup, "PoliciesPerGroup")
            case .role: (IAMQuotas.managedPoliciesPerRole, "PoliciesPerRole")
            }
        }

        /// Non-whitespace characters of all the holder's inline policies together (iam-facts §2.2).
        var inlineSizeQuota: Int {
            switch self {
            case .user: IAMQuotas.userInlinePolicySize
            case .group: IAMQuotas.groupInlinePolicySize
            case .role: IAMQuotas.roleInlinePolicySize
            }
        }
    }

    var ref: IAMPrincipalRef
    var name: String
    var kind: Kind
}

extension HandlerFamily {
    func attachPolicy(_ p: QueryParameters, _ caller: Caller, to holder: PolicyHolder) async throws -> String? {
        let arn = try p.required("PolicyArn")
        try await requireAttachablePolicy(arn, caller)
        let attached = try await store.attachedPolicies(holder.ref)
        if attached.contains(arn) { return nil }
        let quota = holder.kind.attachedQuota
        guard attached.count < quota.limit else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for \(quota.name): \(quota.limit)")
        }
        try await store.attach(holder.ref, policyARN: arn, at: now())
        return nil
    }

    func detachPolicy(_ p: QueryParameters, _ caller: Caller, from holder: PolicyHolder) async throws -> String? {
        let arn = try p.required("PolicyArn")
        guard arn.hasPrefix(IAMARN.awsManagedPrefix) || IAMARN.parsePolicy(arn) != nil else {
            throw AWSServiceError.invalidInput("ARN \(arn) is not valid.")
        }
        guard try await store.attachedPolicies(holder.ref).contains(arn) else {
            throw AWSServiceError.noSuchEntity("Policy \(arn) was not found.")
        }
        try await store.detach(holder.ref, policyARN: arn)
        return nil
    }

    func listAttachedPolicies(_ p: QueryParameters, of holder: PolicyHolder) async throws -> String? {
        let prefix = try p.pathPrefix()
        let arns = try await store.attachedPolicies(holder.ref).filter { (IAMARN.parsePolicy($0)?.path ?? "/").hasPrefix(prefix) }
        let page = try Paginator.page(arns, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.attachedPolicies("AttachedPolicies", page.items)
            xml.pagination(page)
        }
    }

    func putInlinePolicy(_ p: QueryParameters, of holder: PolicyHolder) async throws -> String? {
        let name = try p.name("PolicyName", maxLength: 128)
        let document = try policyDocument(p, enforceSizeQuota: false)
        // The quota is on all of the holder's inline policies together (iam-facts §2.2).
        let others = try await store.inlinePolicies(holder.ref).filter { $0.name.lowercased() != name.lowercased() }
        let total = others.reduce(PolicySize.nonWhitespaceCount(document)) { $0 + PolicySize.nonWhitespaceCount($1.document) }
        let quota = holder.kind.inlineSizeQuota
        guard total <= quota else {
            throw AWSServiceError.limitExceeded("Maximum policy size of \(quota) bytes exceeded for \(holder.kind.noun) \(holder.name)")
        }
        try await store.putInlinePolicy(holder.ref, IAMInlinePolicy(name: name, document: document))
        return nil
    }

    func getInlinePolicy(_ p: QueryParameters, of holder: PolicyHolder) async throws -> String? {
        let name = try p.name("PolicyName", maxLength: 128)
        guard let policy = try await store.inlinePolicies(holder.ref).first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw AWSServiceError.noSuchEntity("The \(holder.kind.noun) policy with name \(name) cannot be found.")
        }
        return write { xml in
            xml.element(holder.kind.nameElement, holder.name)
            xml.element("PolicyName", policy.name)
            xml.element("PolicyDocument", PercentEncoding.encode(policy.document))
        }
    }

    func deleteInlinePolicy(_ p: QueryParameters, of holder: PolicyHolder) async throws -> String? {
        let name = try p.name("PolicyName", maxLength: 128)
        guard try await store.inlinePolicies(holder.ref).contains(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw AWSServiceError.noSuchEntity("The \(holder.kind.noun) policy with name \(name) cannot be found.")
        }
        try await store.deleteInlinePolicy(holder.ref, name: name)
        return nil
    }

    func listInlinePolicies(_ p: QueryParameters, of holder: PolicyHolder) async throws -> String? {
        let names = try await store.inlinePolicies(holder.ref).map(\.name)
        let page = try Paginator.page(names, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.stringList("PolicyNames", page.items)
            xml.pagination(page)
        }
    }
}
