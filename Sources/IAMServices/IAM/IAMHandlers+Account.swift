import AWSQuery
import IAMModel
import IAMPolicyCatalog
import IAMStorage

extension IAMHandlers {
    func getAccountSummary(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let counts = try await store.entityCounts(accountID: caller.accountID)
        let devices = try await store.mfaDevices(accountID: caller.accountID)
        let rootPassword = try await store.rootPasswordHash(accountID: caller.accountID) != nil
        // Server certificates and the STS token version (iam-certs-standalone).
        let serverCertificates = try await store.serverCertificates(accountID: caller.accountID, pathPrefix: "/").count
        let tokenVersion = try await store.accountSettings(accountID: caller.accountID).globalEndpointTokenVersion == "v2Token" ? 2 : 1
        let providers = try await store.providerCount(accountID: caller.accountID)  // identity providers (issue 8)
        let summary: [(String, Int)] = [
            ("Users", counts["Users"] ?? 0), ("UsersQuota", IAMQuotas.users),
            ("Groups", counts["Groups"] ?? 0), ("GroupsQuota", IAMQuotas.groups),
            ("ServerCertificates", serverCertificates), ("ServerCertificatesQuota", IAMQuotas.serverCertificates),
            ("UserPolicySizeQuota", IAMQuotas.userInlinePolicySize), ("GroupPolicySizeQuota", IAMQuotas.groupInlinePolicySize),
            ("GroupsPerUserQuota", IAMQuotas.groupsPerUser),
            ("SigningCertificatesPerUserQuota", IAMQuotas.signingCertificatesPerUser),
            ("AccessKeysPerUserQuota", IAMQuotas.accessKeysPerUser),
            ("MFADevices", devices.count), ("MFADevicesInUse", devices.filter { $0.enabledAt != nil }.count),
            ("AccountMFAEnabled", devices.contains { $0.enabledAt != nil && $0.userID == nil } ? 1 : 0),
            ("AccountAccessKeysPresent", counts["AccountAccessKeysPresent"] ?? 0),
            ("AccountPasswordPresent", rootPassword ? 1 : 0), ("AccountSigningCertificatesPresent", 0),
            ("AttachedPoliciesPerGroupQuota", IAMQuotas.managedPoliciesPerGroup),
            ("AttachedPoliciesPerRoleQuota", IAMQuotas.managedPoliciesPerRole),
            ("AttachedPoliciesPerUserQuota", IAMQuotas.managedPoliciesPerUser),
            ("Policies", counts["Policies"] ?? 0), ("PoliciesQuota", IAMQuotas.customerManagedPolicies),
            ("PolicySizeQuota", IAMQuotas.policySize),
            ("PolicyVersionsInUse", counts["PolicyVersionsInUse"] ?? 0),
            ("PolicyVersionsInUseQuota", IAMQuotas.policyVersionsInUse),
            ("VersionsPerPolicyQuota", IAMQuotas.versionsPerPolicy), ("GlobalEndpointTokenVersion", tokenVersion),
            ("AssumeRolePolicySizeQuota", IAMQuotas.assumeRolePolicySize),
            ("InstanceProfiles", counts["InstanceProfiles"] ?? 0), ("InstanceProfilesQuota", IAMQuotas.instanceProfiles),
            ("Providers", providers),
            ("RolePolicySizeQuota", IAMQuotas.roleInlinePolicySize), ("Roles", counts["Roles"] ?? 0),
            ("RolesQuota", IAMQuotas.roles),
        ]
        return write { xml in
            xml.open("SummaryMap")
            for (key, value) in summary {
                xml.open("entry")
                xml.element("key", key)
                xml.element("value", value)
                xml.close("entry")
            }
            xml.close("SummaryMap")
        }
    }

    func createAccountAlias(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let alias = try p.required("AccountAlias")
        if let problem = IAMNames.checkAccountAlias(alias) { throw AWSServiceError.validationError(problem) }
        let account = try await store.account(id: caller.accountID)
        if let existing = account?.alias {
            if existing == alias { return nil }
            throw AWSServiceError.limitExceeded("Cannot exceed quota for AccountAliasesPerAccount: 1")
        }
        do {
            try await store.setAccountAlias(accountID: caller.accountID, alias: alias)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("The account alias \(alias) already exists.")
        }
        return nil
    }

    func deleteAccountAlias(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let alias = try p.required("AccountAlias")
        guard try await store.account(id: caller.accountID)?.alias == alias else {
            throw AWSServiceError.noSuchEntity("The account alias \(alias) cannot be found.")
        }
        try await store.setAccountAlias(accountID: caller.accountID, alias: nil)
        return nil
    }

    func listAccountAliases(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let aliases = (try await store.account(id: caller.accountID)?.alias).map { [$0] } ?? []
        let page = try Paginator.page(aliases, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.stringList("AccountAliases", page.items)
            xml.pagination(page)
        }
    }

    func getAccountAuthorizationDetails(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let filter = Set(try p.list("Filter") ?? ["User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"])
        let account = caller.accountID
        let users = filter.contains("User") ? try await store.users(accountID: account, pathPrefix: "/") : []
        let groups = filter.contains("Group") ? try await store.groups(accountID: account, pathPrefix: "/") : []
        var xml = XMLWriter()
        xml.open("UserDetailList")
        for user in users {
            xml.open("member")
            xml.element("Path", user.path)
            xml.element("UserName", user.name)
            xml.element("UserId", user.id)
            xml.element("Arn", user.arn)
            xml.timestamp("CreateDate", user.createdAt)
            try await inlineDetails(&xml, "UserPolicyList", .user(user.id))
            xml.stringList("GroupList", try await store.groupsForUser(userID: user.id).map(\.name))
            xml.attachedPolicies("AttachedManagedPolicies", try await store.attachedPolicies(.user(user.id)))
            if let boundary = user.permissionsBoundaryARN { xml.permissionsBoundary(boundary) }
            if !user.tags.isEmpty { xml.tags(user.tags) }
            xml.close("member")
        }
        xml.close("UserDetailList")
        xml.open("GroupDetailList")
        for group in groups {
            xml.open("member")
            xml.groupFields(group)
            try await inlineDetails(&xml, "GroupPolicyList", .group(group.id))
            xml.attachedPolicies("AttachedManagedPolicies", try await store.attachedPolicies(.group(group.id)))
            xml.close("member")
        }
        xml.close("GroupDetailList")
        xml.open("RoleDetailList")
        for role in filter.contains("Role") ? try await store.roles(accountID: account, pathPrefix: "/") : [] {
            try await roleDetail(&xml, role)
        }
        xml.close("RoleDetailList")
        xml.open("Policies")
        if filter.contains("LocalManagedPolicy") {
            for policy in try await store.policies(accountID: account) {
                try await managedPolicyDetail(&xml, ManagedPolicyView(policy), versions: try await store.versions(policyID: policy.id))
            }
        }
        if filter.contains("AWSManagedPolicy") {
            for (arn, count) in try await store.attachmentCounts().sorted(by: { $0.key < $1.key })
            where arn.hasPrefix(IAMARN.awsManagedPrefix) {
                guard let policy = catalog.policy(arn) else { continue }
                let view = ManagedPolicyView(policy, attachmentCount: count)
                try await managedPolicyDetail(&xml, view, versions: [
                    IAMPolicyVersion(versionID: policy.defaultVersionID, document: policy.document, isDefault: true,
                                     createdAt: view.updatedAt),
                ])
            }
        }
        xml.close("Policies")
        xml.element("IsTruncated", false)
        return xml.text
    }

    /// A `RoleDetail` (roles area, issue 8).
    private func roleDetail(_ xml: inout XMLWriter, _ role: IAMRole) async throws {
        xml.open("member")
        xml.element("Path", role.path)
        xml.element("RoleName", role.name)
        xml.element("RoleId", role.id)
        xml.element("Arn", role.arn)
        xml.timestamp("CreateDate", role.createdAt)
        xml.element("AssumeRolePolicyDocument", PercentEncoding.encode(role.trustPolicy))
        xml.list("InstanceProfileList", try await store.instanceProfiles(roleID: role.id)) { $0.instanceProfileFields($1) }
        try await inlineDetails(&xml, "RolePolicyList", .role(role.id))
        xml.attachedPolicies("AttachedManagedPolicies", try await store.attachedPolicies(.role(role.id)))
        if let boundary = role.permissionsBoundaryARN { xml.permissionsBoundary(boundary) }
        if !role.tags.isEmpty { xml.tags(role.tags) }
        xml.roleLastUsed(role)
        xml.close("member")
    }

    private func inlineDetails(_ xml: inout XMLWriter, _ name: String, _ principal: IAMPrincipalRef) async throws {
        let policies = try await store.inlinePolicies(principal)
        xml.list(name, policies) { xml, policy in
            xml.element("PolicyName", policy.name)
            xml.element("PolicyDocument", PercentEncoding.encode(policy.document))
        }
    }

    private func managedPolicyDetail(_ xml: inout XMLWriter, _ view: ManagedPolicyView, versions: [IAMPolicyVersion]) async throws {
        xml.open("member")
        xml.element("PolicyName", view.name)
        xml.element("PolicyId", view.id)
        xml.element("Arn", view.arn)
        xml.element("Path", view.path)
        xml.element("DefaultVersionId", view.defaultVersionID)
        xml.element("AttachmentCount", view.attachmentCount)
        xml.element("PermissionsBoundaryUsageCount", view.boundaryUsageCount)
        xml.element("IsAttachable", true)
        xml.optionalElement("Description", view.description)
        xml.timestamp("CreateDate", view.createdAt)
        xml.timestamp("UpdateDate", view.updatedAt)
        xml.list("PolicyVersionList", versions) { $0.policyVersionFields($1, withDocument: true) }
        xml.close("member")
    }
}
