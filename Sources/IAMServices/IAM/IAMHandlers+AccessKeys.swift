import AWSQuery
import IAMModel
import IAMStorage

extension IAMHandlers {
    func createAccessKey(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await targetUser(p, caller)
        let existing = try await store.accessKeys(accountID: caller.accountID, userID: user?.id)
        guard existing.count < IAMQuotas.accessKeysPerUser else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: \(IAMQuotas.accessKeysPerUser)")
        }
        var rng = SystemRandomNumberGenerator()
        let id = IAMIdentifiers.accessKeyID("AKIA", using: &rng)
        let secret = IAMIdentifiers.secretAccessKey(using: &rng)
        let key = IAMAccessKey(id: id, accountID: caller.accountID, userID: user?.id,
                               sealedSecret: try box.seal(secret, boundTo: id), status: .active, createdAt: now())
        do {
            try await store.createAccessKey(key, limit: IAMQuotas.accessKeysPerUser)
        } catch StorageError.limitExceeded {
            // Another request (maybe on another node) added a key since the check above.
            throw AWSServiceError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: \(IAMQuotas.accessKeysPerUser)")
        }
        return write { xml in
            xml.open("AccessKey")
            xml.element("UserName", user?.name ?? caller.accountID)
            xml.element("AccessKeyId", id)
            xml.element("Status", "Active")
            xml.element("SecretAccessKey", secret)
            xml.timestamp("CreateDate", key.createdAt)
            xml.close("AccessKey")
        }
    }

    func listAccessKeys(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await targetUser(p, caller)
        let keys = try await store.accessKeys(accountID: caller.accountID, userID: user?.id)
        let page = try Paginator.page(keys, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("AccessKeyMetadata", page.items) { $0.accessKeyMetadata($1, userName: user?.name ?? caller.accountID) }
            xml.pagination(page)
        }
    }

    /// The key named by `AccessKeyId`, which must belong to the target user (or root).
    func ownedKey(_ p: QueryParameters, _ caller: Caller) async throws -> IAMAccessKey {
        let user = try await targetUser(p, caller)
        let id = try p.required("AccessKeyId")
        guard let key = try await store.accessKey(id: id), key.accountID == caller.accountID, key.userID == user?.id else {
            throw AWSServiceError.noSuchEntity("The Access Key with id \(id) cannot be found.")
        }
        return key
    }

    func updateAccessKey(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        // Input is validated before any lookup, as AWS does.
        let statusText = try p.required("Status")
        guard let status = IAMAccessKeyStatus(rawValue: statusText) else {
            throw AWSServiceError.validationError(IAMNames.violation(statusText, at: "status",
                                                                     "Member must satisfy enum value set: [Active, Inactive]"))
        }
        let key = try await ownedKey(p, caller)
        try await store.setAccessKeyStatus(id: key.id, status: status)
        return nil
    }

    func deleteAccessKey(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let key = try await ownedKey(p, caller)
        try await store.deleteAccessKey(id: key.id)
        return nil
    }

    func getAccessKeyLastUsed(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let id = try p.required("AccessKeyId")
        guard let key = try await store.accessKey(id: id), key.accountID == caller.accountID else {
            throw AWSServiceError.accessDenied("User: \(caller.arn) is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key \(id)")
        }
        let userName = try await key.userID.asyncMap { try await store.user(id: $0)?.name }
        return write { xml in
            xml.optionalElement("UserName", userName ?? nil)
            xml.open("AccessKeyLastUsed")
            if let at = key.lastUsedAt { xml.timestamp("LastUsedDate", at) }
            xml.element("ServiceName", key.lastUsedService ?? "N/A")
            xml.element("Region", key.lastUsedRegion ?? "N/A")
            xml.close("AccessKeyLastUsed")
        }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
