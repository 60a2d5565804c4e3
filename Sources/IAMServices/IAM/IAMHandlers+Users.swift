import AWSQuery
import IAMModel
import IAMStorage

extension IAMHandlers {
    func createUser(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let name = try p.name("UserName", maxLength: 64)
        let path = try p.path()
        let tags = try p.tags()
        let boundary = p["PermissionsBoundary"]
        if let boundary { try await requireAttachablePolicy(boundary, caller) }
        let count = try await store.entityCounts(accountID: caller.accountID)["Users"] ?? 0
        guard count < IAMQuotas.users else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for UsersPerAccount: \(IAMQuotas.users)")
        }
        var rng = SystemRandomNumberGenerator()
        let user = IAMUser(id: IAMIdentifiers.uniqueID("AIDA", using: &rng), accountID: caller.accountID, name: name,
                           path: path, createdAt: now(), permissionsBoundaryARN: boundary, tags: tags)
        do {
            try await store.createUser(user)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("User with name \(name) already exists.")
        }
        return write { $0.user(user) }
    }

    func getUser(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard let user = try await targetUser(p, caller) else {
            // The root user: AWS answers with the account's root identity.
            return write { xml in
                xml.open("User")
                xml.element("UserId", caller.accountID)
                xml.element("Arn", caller.arn)
                xml.timestamp("CreateDate", 0)
                xml.close("User")
            }
        }
        return write { $0.user(user) }
    }

    func listUsers(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let users = try await store.users(accountID: caller.accountID, pathPrefix: try p.pathPrefix())
        let page = try Paginator.page(users, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("Users", page.items) { $0.userFields($1, withTags: false) }
            xml.pagination(page)
        }
    }

    func updateUser(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let newName = p["NewUserName"] == nil ? user.name : try p.name("NewUserName", maxLength: 64)
        let newPath = p["NewPath"] == nil ? user.path : try p.path("NewPath")
        do {
            try await store.updateUser(id: user.id, name: newName, path: newPath)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("User with name \(newName) already exists.")
        }
        return nil
    }

    func deleteUser(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        if try await !store.accessKeys(accountID: caller.accountID, userID: user.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete access keys first.")
        }
        if try await !store.attachedPolicies(.user(user.id)).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
        if try await !store.inlinePolicies(.user(user.id)).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete policies first.")
        }
        if try await !store.groupsForUser(userID: user.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must remove user from all groups first.")
        }
        if try await store.loginProfile(userID: user.id) != nil {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete login profile first.")
        }
        if try await !store.mfaDevices(userID: user.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete MFA device first.")
        }
        if try await !store.signingCertificates(accountID: caller.accountID, userID: user.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete signing certificates first.")
        }
        if try await !store.sshPublicKeys(userID: user.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete SSH public keys first.")
        }
        if try await !store.serviceSpecificCredentials(userID: user.id).isEmpty {
            throw AWSServiceError.deleteConflict("Cannot delete entity, must delete service-specific credentials first.")
        }
        try await store.deleteUser(id: user.id)
        return nil
    }

    func tagUser(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let merged = try Self.merge(user.tags, with: try p.tags())
        try await store.setUserTags(id: user.id, tags: merged)
        return nil
    }

    func untagUser(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let remove = try p.tagKeys()
        try await store.setUserTags(id: user.id, tags: IAMHandlers.removing(remove, from: user.tags))
        return nil
    }

    func listUserTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let page = try Paginator.page(user.tags, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.tags(Array(page.items))
            xml.pagination(page)
        }
    }

    func putUserPermissionsBoundary(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let arn = try p.required("PermissionsBoundary")
        try await requireAttachablePolicy(arn, caller)
        try await store.setUserPermissionsBoundary(id: user.id, policyARN: arn)
        return nil
    }

    func deleteUserPermissionsBoundary(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        try await store.setUserPermissionsBoundary(id: user.id, policyARN: nil)
        return nil
    }

    /// The tags left after Untag*: keys match case-insensitively, as in `merge`.
    static func removing(_ keys: [String], from tags: [IAMTag]) -> [IAMTag] {
        let remove = Set(keys.map { $0.lowercased() })
        return tags.filter { !remove.contains($0.key.lowercased()) }
    }

    /// New tags replace existing ones with the same key (case-insensitive); the quota is 50.
    static func merge(_ existing: [IAMTag], with new: [IAMTag]) throws -> [IAMTag] {
        var merged = existing
        for tag in new {
            if let i = merged.firstIndex(where: { $0.key.lowercased() == tag.key.lowercased() }) {
                merged[i] = tag
            } else {
                merged.append(tag)
            }
        }
        guard merged.count <= IAMQuotas.tagsPerResource else {
            throw AWSServiceError.limitExceeded("The number of tags has reached the maximum limit.")
        }
        return merged
    }
}
