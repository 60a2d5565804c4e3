import AWSQuery
import IAMModel
import IAMStorage

extension IAMHandlers {
    func createGroup(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let name = try p.name("GroupName", maxLength: 128)
        let path = try p.path()
        let count = try await store.entityCounts(accountID: caller.accountID)["Groups"] ?? 0
        guard count < IAMQuotas.groups else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for GroupsPerAccount: \(IAMQuotas.groups)")
        }
        var rng = SystemRandomNumberGenerator()
        let group = IAMGroup(id: IAMIdentifiers.uniqueID("AGPA", using: &rng), accountID: caller.accountID, name: name,
                             path: path, createdAt: now())
        do {
            try await store.createGroup(group)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("Group with name \(name) already exists.")
        }
        return write { $0.group(group) }
    }

    func getGroup(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let group = try await existingGroup(try p.name("GroupName", maxLength: 128), caller)
        let members = try await store.members(groupID: group.id)
        let page = try Paginator.page(members, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.group(group)
            xml.list("Users", page.items) { $0.userFields($1, withTags: false) }
            xml.pagination(page)
        }
    }

    func listGroups(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let groups = try await store.groups(accountID: caller.accountID, pathPrefix: try p.pathPrefix())
        let page = try Paginator.page(groups, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("Groups", page.items) { $0.groupFields($1) }
            xml.pagination(page)
        }
    }

    func updateGroup(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let group = try await existingGroup(try p.name("GroupName", maxLength: 128), caller)
        let newName = p["NewGroupName"] == nil ? group.name : try p.name("NewGroupName", maxLength: 128)
        let newPath = p["NewPath"] == nil ? group.path : try p.path("NewPath")
        do {
            try await store.updateGroup(id: group.id, name: newName, path: newPath)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("Group with name \(newName) already exists.")
        }
        return nil
    }

    func deleteGroup(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let group = try await existingGroup(try p.name("GroupName", maxLength: 128), caller)
        if try await !store.members(groupID: group.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must remove users from group first.")
        }
        if try await !store.attachedPolicies(.group(group.id)).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
        if try await !store.inlinePolicies(.group(group.id)).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete policies first.")
        }
        try await store.deleteGroup(id: group.id)
        return nil
    }

    func addUserToGroup(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let group = try await existingGroup(try p.name("GroupName", maxLength: 128), caller)
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let groups = try await store.groupsForUser(userID: user.id)
        if !groups.contains(where: { $0.id == group.id }) && groups.count >= IAMQuotas.groupsPerUser {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for GroupsPerUser: \(IAMQuotas.groupsPerUser)")
        }
        try await store.addMember(groupID: group.id, userID: user.id)
        return nil
    }

    func removeUserFromGroup(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let group = try await existingGroup(try p.name("GroupName", maxLength: 128), caller)
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        guard try await store.groupsForUser(userID: user.id).contains(where: { $0.id == group.id }) else {
            throw AWSServiceError.noSuchEntity("The user with name \(user.name) cannot be found in group \(group.name).")
        }
        try await store.removeMember(groupID: group.id, userID: user.id)
        return nil
    }

    func listGroupsForUser(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let groups = try await store.groupsForUser(userID: user.id)
        let page = try Paginator.page(groups, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("Groups", page.items) { $0.groupFields($1) }
            xml.pagination(page)
        }
    }
}
