import IAMModel
import IAMStorage
import Testing

/// Accounts, their alias and summary counts, the standalone account's settings, and `reset()`.
@Suite("Account store")
struct AccountStoreTests {
    @Test("accounts are listed by creation time; an alias belongs to one account at a time", arguments: StoreBackend.all)
    func accountsAndAlias(backend: StoreBackend) async throws {
        try await backend.withStore(account: false) { store in
            try await store.createAccount(IAMAccount(id: Fixture.otherAccount, createdAt: 5))
            try await store.createAccount(IAMAccount(id: Fixture.account, alias: "first", createdAt: 2))
            #expect(try await store.accounts().map(\.id) == [Fixture.account, Fixture.otherAccount])
            #expect(try await store.account(id: Fixture.account) == IAMAccount(id: Fixture.account, alias: "first", createdAt: 2))
            #expect(try await store.account(id: "999999999999") == nil)
            await #expect(throws: StorageError.conflict("account")) {
                try await store.createAccount(IAMAccount(id: Fixture.account, createdAt: 3))
            }

            await #expect(throws: StorageError.conflict("alias")) {
                try await store.setAccountAlias(accountID: Fixture.otherAccount, alias: "first")
            }
            #expect(try await store.account(id: Fixture.otherAccount)?.alias == nil)
            try await store.setAccountAlias(accountID: Fixture.account, alias: nil)
            try await store.setAccountAlias(accountID: Fixture.otherAccount, alias: "first")
            #expect(try await store.account(id: Fixture.otherAccount)?.alias == "first")
            #expect(try await store.account(id: Fixture.account)?.alias == nil)
        }
    }

    @Test("GetAccountSummary counts what the account holds", arguments: StoreBackend.all)
    func entityCounts(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let empty = try await store.entityCounts(accountID: Fixture.account)
            #expect(empty["Users"] == 0 && empty["Policies"] == 0 && empty["AccountAccessKeysPresent"] == 0)

            try await store.createUser(Fixture.user("alice"))
            try await store.createUser(Fixture.user("bob"))
            try await store.createGroup(Fixture.group("admins"))
            let policy = Fixture.policy("Read")
            try await store.createPolicy(policy, document: Fixture.document)
            try await store.attach(.user("AIDAALICE"), policyARN: policy.arn, at: 1)
            try await store.attach(.group("AGPAADMINS"), policyARN: policy.arn, at: 2)
            try await store.attach(.user("AIDABOB"), policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess", at: 3)
            try await store.createRole(Fixture.role("app"))
            try await store.createInstanceProfile(IAMInstanceProfile(id: "AIPAWEB", accountID: Fixture.account, name: "web",
                                                                     path: "/", createdAt: 1))
            try await store.createAccessKey(Fixture.accessKey("AKIAROOT", userID: nil))

            let counts = try await store.entityCounts(accountID: Fixture.account)
            #expect(counts["Users"] == 2)
            #expect(counts["Groups"] == 1)
            #expect(counts["Policies"] == 1)
            // Only attachments of the account's own policies count as versions in use.
            #expect(counts["PolicyVersionsInUse"] == 2)
            #expect(counts["Roles"] == 1)
            #expect(counts["InstanceProfiles"] == 1)
            #expect(counts["AccountAccessKeysPresent"] == 1)
        }
    }

    @Test("standalone account settings default until set, then round-trip", arguments: StoreBackend.all)
    func standaloneSettings(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.accountSettings(accountID: Fixture.account) == IAMAccountSettings())
            let settings = IAMAccountSettings(outboundIssuer: "https://issuer.example/ü", outboundFederationEnabled: true,
                                              globalEndpointTokenVersion: "v2Token")
            try await store.setAccountSettings(accountID: Fixture.account, settings)
            #expect(try await store.accountSettings(accountID: Fixture.account) == settings)
            try await store.setAccountSettings(accountID: Fixture.account, IAMAccountSettings(outboundFederationEnabled: false))
            #expect(try await store.accountSettings(accountID: Fixture.account) == IAMAccountSettings())

            let report = IAMOrganizationsAccessReport(jobID: "job-1", accountID: Fixture.account, entityPath: "o-1/r-1",
                                                      policyID: nil, status: "COMPLETED", createdAt: Fixture.largeTime,
                                                      completedAt: Fixture.largeTime + 1, errorCode: nil, errorMessage: nil)
            try await store.createOrganizationsAccessReport(report)
            #expect(try await store.organizationsAccessReport(accountID: Fixture.account, jobID: "job-1") == report)
            #expect(try await store.organizationsAccessReport(accountID: Fixture.otherAccount, jobID: "job-1") == nil)
            await #expect(throws: StorageError.conflict("organizations-access-report")) {
                try await store.createOrganizationsAccessReport(report)
            }
        }
    }

    @Test("reset() empties every family and leaves a usable store", arguments: StoreBackend.all)
    func reset(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let user = Fixture.user("alice", tags: Fixture.tags(["k": "v"]))
            try await store.createUser(user)
            try await store.createGroup(Fixture.group("g"))
            try await store.addMember(groupID: "AGPAG", userID: user.id)
            let policy = Fixture.policy("P")
            try await store.createPolicy(policy, document: Fixture.document)
            try await store.attach(.user(user.id), policyARN: policy.arn, at: 1)
            try await store.putInlinePolicy(.user(user.id), IAMInlinePolicy(name: "inline", document: "{}"))
            try await store.createAccessKey(Fixture.accessKey("AKIAALICE", userID: user.id))
            try await store.putLoginProfile(IAMLoginProfile(userID: user.id, passwordHash: "h", passwordResetRequired: false,
                                                            createdAt: 1, passwordChangedAt: 1))
            try await store.addPasswordHistory(userID: user.id, hash: "old", at: 1)
            try await store.createMFADevice(Fixture.mfaDevice("arn:aws:iam::111122223333:mfa/alice", userID: user.id))
            try await store.createRole(Fixture.role("r"))
            try await store.putEC2Resource(kind: "instance", id: "i-1", accountID: Fixture.account, region: "us-east-1",
                                           nameKey: nil, data: "{}", createdAt: 1)
            try await store.createOIDCProvider(IAMOIDCProvider(id: "oidc-1", accountID: Fixture.account, url: "id.example",
                                                               clientIDs: ["c"], thumbprints: ["t"], createdAt: 1), quota: 100)
            try await store.recordActivity(IAMActivity(accountID: Fixture.account, principalID: user.id, principalARN: user.arn,
                                                       service: "iam", action: "ListUsers", region: "us-east-1", at: 1))
            try await store.setRootPassword(accountID: Fixture.account, hash: "root", at: 1)

            try await store.reset()

            #expect(try await store.accounts().isEmpty)
            #expect(try await store.user(id: user.id) == nil)
            #expect(try await store.group(id: "AGPAG") == nil)
            #expect(try await store.groupsForUser(userID: user.id).isEmpty)
            #expect(try await store.attachmentCounts().isEmpty)
            #expect(try await store.inlinePolicies(.user(user.id)).isEmpty)
            #expect(try await store.accessKey(id: "AKIAALICE") == nil)
            #expect(try await store.loginProfile(userID: user.id) == nil)
            #expect(try await store.passwordHistory(userID: user.id, limit: 10).isEmpty)
            #expect(try await store.mfaDevice(serialNumber: "arn:aws:iam::111122223333:mfa/alice") == nil)
            #expect(try await store.role(id: "AROAR") == nil)
            #expect(try await store.ec2Resource(kind: "instance", id: "i-1", accountID: Fixture.account, region: "us-east-1") == nil)
            #expect(try await store.activity(principalIDs: [user.id]).isEmpty)
            #expect(try await store.rootPasswordHash(accountID: Fixture.account) == nil)

            // The same ids can be created again.
            try await store.createAccount(IAMAccount(id: Fixture.account, createdAt: 1))
            try await store.createUser(user)
            #expect(try await store.user(id: user.id)?.tags == user.tags)
            #expect(try await store.providerCount(accountID: Fixture.account) == 0)
        }
    }
}
