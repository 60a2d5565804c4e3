import AWSQuery
import IAMModel
import IAMPolicyCatalog
import IAMPolicy
import IAMStorage

extension IAMHandlers {
    /// Customer managed policies only: AWS managed ones are read-only.
    func customerPolicy(_ p: QueryParameters, _ caller: Caller, action: String) async throws -> IAMManagedPolicy {
        let arn = try p.required("PolicyArn")
        let (_, stored) = try await managedPolicy(arn, caller)
        guard let stored else {
            throw AWSServiceError.accessDenied("User: \(caller.arn) is not authorized to perform: iam:\(action) on resource: policy \(arn)")
        }
        return stored
    }

    func createPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let name = try p.name("PolicyName", maxLength: 128)
        let path = try p.path()
        let document = try policyDocument(p)
        let description = p["Description"]
        if let description, description.count > 1000 {
            throw AWSServiceError.validationError(IAMNames.violation(description, at: "description",
                                                                     "Member must have length less than or equal to 1000"))
        }
        let tags = try p.tags()
        let count = try await store.entityCounts(accountID: caller.accountID)["Policies"] ?? 0
        guard count < IAMQuotas.customerManagedPolicies else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for PoliciesPerAccount: \(IAMQuotas.customerManagedPolicies)")
        }
        var rng = SystemRandomNumberGenerator()
        let time = now()
        let policy = IAMManagedPolicy(id: IAMIdentifiers.uniqueID("ANPA", using: &rng), accountID: caller.accountID, name: name,
                                      path: path, description: description, defaultVersionID: "v1", createdAt: time,
                                      updatedAt: time, tags: tags)
        do {
            try await store.createPolicy(policy, document: document)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("A policy called \(name) already exists. Duplicate names are not allowed.")
        }
        return write { $0.policy(ManagedPolicyView(policy)) }
    }

    func getPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let (view, _) = try await managedPolicy(try p.required("PolicyArn"), caller)
        return write { $0.policy(view) }
    }

    func listPolicies(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let scope = p["Scope"] ?? "All"
        guard ["All", "AWS", "Local"].contains(scope) else {
            throw AWSServiceError.validationError(IAMNames.violation(scope, at: "scope",
                                                                     "Member must satisfy enum value set: [All, AWS, Local]"))
        }
        let onlyAttached = try p.bool("OnlyAttached") ?? false
        let prefix = try p.pathPrefix()
        let counts = try await store.attachmentCounts()
        var views: [ManagedPolicyView] = []
        if scope != "Local" {
            views += catalog.policies.map { ManagedPolicyView($0, attachmentCount: counts[$0.arn] ?? 0) }
        }
        if scope != "AWS" {
            views += try await store.policies(accountID: caller.accountID).map(ManagedPolicyView.init)
        }
        views = views.filter { $0.path.hasPrefix(prefix) && (!onlyAttached || $0.attachmentCount > 0) }
        if p["PolicyUsageFilter"] == "PermissionsBoundary" { views = views.filter { $0.boundaryUsageCount > 0 } }
        views.sort { ($0.name.lowercased(), $0.arn) < ($1.name.lowercased(), $1.arn) }
        let page = try Paginator.page(views, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("Policies", page.items) { $0.policyFields($1, withTags: false) }
            xml.pagination(page)
        }
    }

    func deletePolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let policy = try await customerPolicy(p, caller, action: "DeletePolicy")
        if try await store.attachmentCount(policyARN: policy.arn) > 0 {
            throw AWSServiceError.deleteConflict("Cannot delete a policy attached to entities.")
        }
        if try await store.versions(policyID: policy.id).count > 1 {
            throw AWSServiceError.deleteConflict(
                "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
        }
        try await store.deletePolicy(id: policy.id)
        return nil
    }

    func createPolicyVersion(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let policy = try await customerPolicy(p, caller, action: "CreatePolicyVersion")
        let document = try policyDocument(p)
        let setAsDefault = try p.bool("SetAsDefault") ?? false
        guard try await store.versions(policyID: policy.id).count < IAMQuotas.versionsPerPolicy else {
            throw AWSServiceError.limitExceeded(
                "A managed policy can have up to \(IAMQuotas.versionsPerPolicy) versions. Before you create a new version, you must delete an existing version.")
        }
        let time = now()
        let id: String
        do {
            id = try await store.addVersion(policyID: policy.id, document: document, setAsDefault: setAsDefault, at: time,
                                            limit: IAMQuotas.versionsPerPolicy)
        } catch StorageError.limitExceeded {
            throw AWSServiceError.limitExceeded(
                "A managed policy can have up to \(IAMQuotas.versionsPerPolicy) versions. Before you create a new version, you must delete an existing version.")
        }
        let version = IAMPolicyVersion(versionID: id, document: document, isDefault: setAsDefault, createdAt: time)
        return write { $0.policyVersion(version, withDocument: false) }
    }

    func policyVersions(_ p: QueryParameters, _ caller: Caller) async throws -> [IAMPolicyVersion] {
        let arn = try p.required("PolicyArn")
        let (view, stored) = try await managedPolicy(arn, caller)
        if let stored { return try await store.versions(policyID: stored.id) }
        let document = catalog.policy(arn)?.document ?? "{}"
        return [IAMPolicyVersion(versionID: view.defaultVersionID, document: document, isDefault: true, createdAt: view.updatedAt)]
    }

    func getPolicyVersion(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let versionID = try p.required("VersionId")
        guard let version = try await policyVersions(p, caller).first(where: { $0.versionID == versionID }) else {
            throw AWSServiceError.noSuchEntity("Policy \(p["PolicyArn"] ?? "") version \(versionID) does not exist or is not attachable.")
        }
        return write { $0.policyVersion(version) }
    }

    func listPolicyVersions(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let page = try Paginator.page(try await policyVersions(p, caller), marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("Versions", page.items) { $0.policyVersionFields($1, withDocument: false) }
            xml.pagination(page)
        }
    }

    func deletePolicyVersion(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let policy = try await customerPolicy(p, caller, action: "DeletePolicyVersion")
        let versionID = try p.required("VersionId")
        guard let version = try await store.versions(policyID: policy.id).first(where: { $0.versionID == versionID }) else {
            throw AWSServiceError.noSuchEntity("Policy \(policy.arn) version \(versionID) does not exist or is not attachable.")
        }
        if version.isDefault { throw AWSServiceError.deleteConflict("Cannot delete the default version of a policy.") }
        try await store.deleteVersion(policyID: policy.id, versionID: versionID)
        return nil
    }

    func setDefaultPolicyVersion(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let policy = try await customerPolicy(p, caller, action: "SetDefaultPolicyVersion")
        let versionID = try p.required("VersionId")
        guard try await store.versions(policyID: policy.id).contains(where: { $0.versionID == versionID }) else {
            throw AWSServiceError.noSuchEntity("Policy \(policy.arn) version \(versionID) does not exist or is not attachable.")
        }
        try await store.setDefaultVersion(policyID: policy.id, versionID: versionID, at: now())
        return nil
    }

    func tagPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let policy = try await customerPolicy(p, caller, action: "TagPolicy")
        try await store.setPolicyTags(id: policy.id, tags: try Self.merge(policy.tags, with: try p.tags()))
        return nil
    }

    func untagPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let policy = try await customerPolicy(p, caller, action: "UntagPolicy")
        let remove = try p.tagKeys()
        try await store.setPolicyTags(id: policy.id, tags: IAMHandlers.removing(remove, from: policy.tags))
        return nil
    }

    func listPolicyTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let (view, _) = try await managedPolicy(try p.required("PolicyArn"), caller)
        let page = try Paginator.page(view.tags, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.tags(Array(page.items))
            xml.pagination(page)
        }
    }
}
