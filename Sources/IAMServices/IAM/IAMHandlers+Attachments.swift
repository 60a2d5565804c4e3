import AWSQuery
import IAMModel
import IAMStorage

extension IAMHandlers {
    /// The user or group a *UserPolicy / *GroupPolicy operation is about.
    func principalRef(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> PolicyHolder {
        if group {
            let found = try await existingGroup(try p.name("GroupName", maxLength: 128), caller)
            return PolicyHolder(ref: .group(found.id), name: found.name, kind: .group)
        }
        let found = try await existingUser(try p.name("UserName", maxLength: 128), caller)
        return PolicyHolder(ref: .user(found.id), name: found.name, kind: .user)
    }

    func attach(_ p: QueryParameters, _ caller: Caller, toGroup: Bool) async throws -> String? {
        try await attachPolicy(p, caller, to: try await principalRef(p, caller, group: toGroup))
    }

    func detach(_ p: QueryParameters, _ caller: Caller, fromGroup: Bool) async throws -> String? {
        try await detachPolicy(p, caller, from: try await principalRef(p, caller, group: fromGroup))
    }

    func listAttached(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        try await listAttachedPolicies(p, of: try await principalRef(p, caller, group: group))
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
        var roles: [IAMRole] = []
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
            case .role(let id):
                if filter == nil || filter == "Role", let role = try await store.role(id: id), role.accountID == caller.accountID {
                    roles.append(role)
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
            xml.list("PolicyRoles", roles) { xml, role in
                xml.element("RoleName", role.name)
                xml.element("RoleId", role.id)
            }
            xml.element("IsTruncated", false)
        }
    }

    func putInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        try await putInlinePolicy(p, of: try await principalRef(p, caller, group: group))
    }

    func getInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        try await getInlinePolicy(p, of: try await principalRef(p, caller, group: group))
    }

    func deleteInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        try await deleteInlinePolicy(p, of: try await principalRef(p, caller, group: group))
    }

    func listInline(_ p: QueryParameters, _ caller: Caller, group: Bool) async throws -> String? {
        try await listInlinePolicies(p, of: try await principalRef(p, caller, group: group))
    }
}
