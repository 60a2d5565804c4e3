import AWSQuery
import IAMModel
import IAMStorage

extension RoleHandlers {
    func createInstanceProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let name = try p.name("InstanceProfileName", maxLength: 128)
        let path = try p.path()
        let tags = try p.tags()
        let count = try await store.entityCounts(accountID: caller.accountID)["InstanceProfiles"] ?? 0
        guard count < IAMQuotas.instanceProfiles else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for InstanceProfilesPerAccount: \(IAMQuotas.instanceProfiles)")
        }
        var rng = SystemRandomNumberGenerator()
        let profile = IAMInstanceProfile(id: IAMIdentifiers.uniqueID("AIPA", using: &rng), accountID: caller.accountID,
                                         name: name, path: path, createdAt: now(), tags: tags)
        do {
            try await store.createInstanceProfile(profile)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("Instance Profile \(name) already exists.")
        }
        return write { $0.instanceProfile(profile) }
    }

    func getInstanceProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profile = try await existingProfile(p, caller)
        return write { $0.instanceProfile(profile) }
    }

    func listInstanceProfiles(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profiles = try await store.instanceProfiles(accountID: caller.accountID, pathPrefix: try p.pathPrefix())
        let page = try Paginator.page(profiles, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("InstanceProfiles", page.items) { $0.instanceProfileFields($1) }
            xml.pagination(page)
        }
    }

    func deleteInstanceProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profile = try await existingProfile(p, caller)
        if !profile.roles.isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
        }
        try await store.deleteInstanceProfile(id: profile.id)
        return nil
    }

    /// A profile holds at most one role (a quota AWS does not raise).
    func addRoleToInstanceProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profile = try await existingProfile(p, caller)
        let role = try await modifiableRole(p, caller)
        guard try await store.addRole(role.id, toInstanceProfile: profile.id) else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
        }
        return nil
    }

    func removeRoleFromInstanceProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profile = try await existingProfile(p, caller)
        let role = try await modifiableRole(p, caller)
        guard profile.roles.contains(where: { $0.id == role.id }) else {
            throw AWSServiceError.noSuchEntity("The role with name \(role.name) is not in instance profile \(profile.name).")
        }
        try await store.removeRole(role.id, fromInstanceProfile: profile.id)
        return nil
    }

    func listInstanceProfilesForRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await existingRole(p, caller)
        let profiles = try await store.instanceProfiles(roleID: role.id)
        let page = try Paginator.page(profiles, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("InstanceProfiles", page.items) { $0.instanceProfileFields($1) }
            xml.pagination(page)
        }
    }

    func tagInstanceProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profile = try await existingProfile(p, caller)
        try await store.setInstanceProfileTags(id: profile.id, tags: try IAMHandlers.merge(profile.tags, with: try p.tags()))
        return nil
    }

    func untagInstanceProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profile = try await existingProfile(p, caller)
        let remove = try p.tagKeys()
        try await store.setInstanceProfileTags(id: profile.id, tags: IAMHandlers.removing(remove, from: profile.tags))
        return nil
    }

    func listInstanceProfileTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let profile = try await existingProfile(p, caller)
        let page = try Paginator.page(profile.tags, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.tags(Array(page.items))
            xml.pagination(page)
        }
    }
}
