import AWSQuery
import IAMModel
import IAMPolicy
import IAMStorage

extension RoleHandlers {
    func createRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let name = try p.name("RoleName", maxLength: 64)
        let path = try p.path()
        if path.hasPrefix(ServiceLinkedRoles.pathPrefix) {
            throw AWSServiceError.invalidInput("Path prefix '\(ServiceLinkedRoles.pathPrefix)' can only be used for AWS Service linked Roles")
        }
        let trust = try policyDocument(p, "AssumeRolePolicyDocument", as: .trust)
        let description = try roleDescription(p)
        let maxSession = try maxSessionDuration(p) ?? IAMRole.defaultMaxSessionDuration
        let tags = try p.tags()
        let boundary = p["PermissionsBoundary"]
        if let boundary { try await requireAttachablePolicy(boundary, caller) }
        try await TrustPolicyCheck(store: store).check(trust)
        let count = try await store.entityCounts(accountID: caller.accountID)["Roles"] ?? 0
        guard count < IAMQuotas.roles else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for RolesPerAccount: \(IAMQuotas.roles)")
        }
        var rng = SystemRandomNumberGenerator()
        let role = IAMRole(id: IAMIdentifiers.uniqueID("AROA", using: &rng), accountID: caller.accountID, name: name, path: path,
                           trustPolicy: trust, description: description, maxSessionDuration: maxSession, createdAt: now(),
                           permissionsBoundaryARN: boundary, tags: tags)
        do {
            try await store.createRole(role)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("Role with name \(name) already exists.")
        }
        return write { $0.role(role, style: .created) }
    }

    func getRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await existingRole(p, caller)
        return write { $0.role(role, style: .full) }
    }

    func listRoles(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let roles = try await store.roles(accountID: caller.accountID, pathPrefix: try p.pathPrefix())
        let page = try Paginator.page(roles, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("Roles", page.items) { $0.roleFields($1, style: .listing) }
            xml.pagination(page)
        }
    }

    /// Changes what is given and keeps the rest. A service-linked role's description may change,
    /// its session duration may not.
    func updateRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await existingRole(p, caller)
        let description = p["Description"] == nil ? role.description : try roleDescription(p)
        let maxSession = try maxSessionDuration(p)
        if role.isServiceLinked, maxSession != nil { throw AWSServiceError.unmodifiableEntity(protectedRole: role.name) }
        try await store.updateRole(id: role.id, description: description, maxSessionDuration: maxSession ?? role.maxSessionDuration)
        return ""  // UpdateRoleResult is an empty element: the model gives UpdateRole an output shape without members.
    }

    func updateRoleDescription(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        var role = try await existingRole(p, caller)
        _ = try p.required("Description")
        role.description = try roleDescription(p)
        try await store.updateRole(id: role.id, description: role.description, maxSessionDuration: role.maxSessionDuration)
        return write { $0.role(role, style: .full) }
    }

    func updateAssumeRolePolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await modifiableRole(p, caller)
        let trust = try policyDocument(p, "PolicyDocument", as: .trust)
        try await TrustPolicyCheck(store: store).check(trust)
        try await store.setTrustPolicy(roleID: role.id, document: trust)
        return nil
    }

    func deleteRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await modifiableRole(p, caller)
        if try await !store.instanceProfiles(roleID: role.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
        }
        if try await !store.attachedPolicies(.role(role.id)).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
        if try await !store.inlinePolicies(.role(role.id)).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete policies first.")
        }
        try await store.deleteRole(id: role.id)
        return nil
    }

    func tagRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await existingRole(p, caller)
        try await store.setRoleTags(id: role.id, tags: try IAMHandlers.merge(role.tags, with: try p.tags()))
        return nil
    }

    func untagRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await existingRole(p, caller)
        let remove = try p.tagKeys()
        try await store.setRoleTags(id: role.id, tags: IAMHandlers.removing(remove, from: role.tags))
        return nil
    }

    func listRoleTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await existingRole(p, caller)
        let page = try Paginator.page(role.tags, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.tags(Array(page.items))
            xml.pagination(page)
        }
    }

    func putRolePermissionsBoundary(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await modifiableRole(p, caller)
        let arn = try p.required("PermissionsBoundary")
        try await requireAttachablePolicy(arn, caller)
        try await store.setRolePermissionsBoundary(id: role.id, policyARN: arn)
        return nil
    }

    func deleteRolePermissionsBoundary(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await modifiableRole(p, caller)
        try await store.setRolePermissionsBoundary(id: role.id, policyARN: nil)
        return nil
    }
}
