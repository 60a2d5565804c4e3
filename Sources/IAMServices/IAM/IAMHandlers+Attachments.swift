import AWSQuery
import IAMModel
import IAMPolicy
import IAMStorage

extension IAMHandlers {
    /// The user or group a *UserPolicy / *GroupPolicy operation is about.
    func principalRef(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> (IAMPrincipalRef, String) {
        if group {
            let found = try await existingGroup(try p.name("GroupName", maxLength: 128), caller)
            return (.group(found.id), found.name)
        }
        let found = try await existingUser(try p.name("UserName", maxLength: 128), caller)
        return (.user(found.id), found.name)
    }

    func attach(_ p: QueryParameters, _ caller: Caller, toGroup: Bool) async throws -> String? {
        let (principal, _) = try await principalRef(p, caller, group: toGroup)
        let arn = try p.required("PolicyArn")
        try await requireAttachablePolicy(arn, caller)
        let attached = try await store.attachedPolicies(principal)
        if attached.contains(arn) { return nil }
        let quota = toGroup ? IAMQuotas.managedPoliciesPerGroup : IAMQuotas.managedPoliciesPerUser
        guard attached.count < quota else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for \(toGroup ? "PoliciesPerGroup" : "PoliciesPerUser"): \(quota)")
        }
        try await store.attach(principal, policyARN: arn, at: now())
        return nil
    }

    func detach(_ p: QueryParameters, _ caller: Caller, fromGroup: Bool) async throws -> String? {
        let (principal, _) = try await principalRef(p, caller, group: fromGroup)
        let arn = try p.required("PolicyArn")
        guard arn.hasPrefix(IAMARN.awsManagedPrefix) || IAMARN.parsePolicy(arn) != nil else {
            throw AWSServiceError.invalidInput("ARN \(arn) is not valid.")
        }
        guard try await store.attachedPolicies(principal).contains(arn) else {
            throw AWSServiceError.noSuchEntity("Policy \(arn) was not found.")
        }
        try await store.detach(principal, policyARN: arn)
        return nil
    }

    func listAttached(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        let (principal, _) = try await principalRef(p, caller, group: group)
        let prefix = try p.pathPrefix()
        let arns = try await store.attachedPolicies(principal).filter { (IAMARN.parsePolicy($0)?.path ?? "/").hasPrefix(prefix) }
        let page = try Paginator.page(arns, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.attachedPolicies("AttachedPolicies", page.items)
            xml.pagination(page)
        }
    }

    func listEntitiesForPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let arn = try p.required("PolicyArn")
        _ = try await managedPolicy(arn, caller)
        let filter = p["EntityFilter"]
        if let filter, !["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"].contains(filter) {
            throw AWSServiceError.validationError(IAMNames.violation(filter, at: "entityFilter",
                "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]"))
        }
        var users: [IAMUser] = []
        var groups: [IAMGroup] = []
        for entity in try await store.entities(policyARN: arn) {
            switch entity {
            case .user(let id):
                if filter == nil || filter == "User", let user = try await store.user(id: id), user.accountID == caller.accountID {
                    users.append(user)
                }
            case .group(let id):
                if filter == nil || filter == "Group", let group = try await store.group(id: id), group.accountID == caller.accountID {
                    groups.append(group)
                }
            }
        }
        return write { xml in
            xml.list("PolicyGroups", groups) { xml, group in
                xml.element("GroupName", group.name)
                xml.element("GroupId", group.id)
            }
            xml.list("PolicyUsers", users) { xml, user in
                xml.element("UserName", user.name)
                xml.element("UserId", user.id)
            }
            xml.list("PolicyRoles", [String]()) { _, _ in }
            xml.element("IsTruncated", false)
        }
    }

    func putInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        let (principal, entityName) = try await principalRef(p, caller, group: group)
        let name = try p.name("PolicyName", maxLength: 128)
        let document = try policyDocument(p, enforceSizeQuota: false)
        // The quota is on all of the entity's inline policies together (iam-facts §2.2).
        let others = try await store.inlinePolicies(principal).filter { $0.name.lowercased() != name.lowercased() }
        let total = others.reduce(PolicySize.nonWhitespaceCount(document)) { $0 + PolicySize.nonWhitespaceCount($1.document) }
        let quota = group ? IAMQuotas.groupInlinePolicySize : IAMQuotas.userInlinePolicySize
        guard total <= quota else {
            throw AWSServiceError.limitExceeded("Maximum policy size of \(quota) bytes exceeded for \(group ? "group" : "user") \(entityName)")
        }
        try await store.putInlinePolicy(principal, IAMInlinePolicy(name: name, document: document))
        return nil
    }

    func getInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        let (principal, entityName) = try await principalRef(p, caller, group: group)
        let name = try p.name("PolicyName", maxLength: 128)
        guard let policy = try await store.inlinePolicies(principal).first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw AWSServiceError.noSuchEntity("The \(group ? "group" : "user") policy with name \(name) cannot be found.")
        }
        return write { xml in
            xml.element(group ? "GroupName" : "UserName", entityName)
            xml.element("PolicyName", policy.name)
            xml.element("PolicyDocument", PercentEncoding.encode(policy.document))
        }
    }

    func deleteInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        let (principal, _) = try await principalRef(p, caller, group: group)
        let name = try p.name("PolicyName", maxLength: 128)
        guard try await store.inlinePolicies(principal).contains(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw AWSServiceError.noSuchEntity("The \(group ? "group" : "user") policy with name \(name) cannot be found.")
        }
        try await store.deleteInlinePolicy(principal, name: name)
        return nil
    }

    func listInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        let (principal, _) = try await principalRef(p, caller, group: group)
        let names = try await store.inlinePolicies(principal).map(\.name)
        let page = try Paginator.page(names, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.stringList("PolicyNames", page.items)
            xml.pagination(page)
        }
    }
}
