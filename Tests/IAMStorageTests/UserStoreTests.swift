import IAMModel
import IAMStorage
import Testing

/// Users: names unique per account regardless of case, lookups, path-prefix listing in byte order,
/// renames, tags, and what a deletion takes with it.
@Suite("User store")
struct UserStoreTests {
    @Test("a user is found by name (any case) and id; the same name in another case conflicts", arguments: StoreBackend.all)
    func createAndLookUp(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let alice = Fixture.user("Alice", path: "/dev/", createdAt: Fixture.largeTime,
                                     tags: Fixture.tags(["team": "blue"]))
            try await store.createUser(alice)
            #expect(try await store.user(accountID: Fixture.account, name: "alice") == alice)
            #expect(try await store.user(accountID: Fixture.account, name: "ALICE") == alice)
            #expect(try await store.user(id: alice.id) == alice)
            #expect(try await store.user(id: alice.id)?.createdAt == 4_102_444_800_000)
            #expect(try await store.user(accountID: Fixture.otherAccount, name: "Alice") == nil)
            #expect(try await store.user(id: "AIDANOBODY") == nil)

            var clash = Fixture.user("ALICE")
            clash.id = "AIDAOTHER"
            await #expect(throws: StorageError.conflict("user-name")) { try await store.createUser(clash) }
            // The failed insert left nothing behind, not even its tags.
            #expect(try await store.user(id: "AIDAOTHER") == nil)
            #expect(try await store.users(accountID: Fixture.account, pathPrefix: "/").map(\.id) == [alice.id])

            // The same name is free in another account.
            try await store.createAccount(IAMAccount(id: Fixture.otherAccount, createdAt: 2))
            clash.accountID = Fixture.otherAccount
            try await store.createUser(clash)
            #expect(try await store.user(accountID: Fixture.otherAccount, name: "alice")?.id == "AIDAOTHER")
        }
    }

    @Test("users are listed by path prefix, ordered by name in byte order on every engine", arguments: StoreBackend.all)
    func listingOrder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for (name, path) in [("B", "/"), ("a", "/eng/"), ("_x", "/eng/ops/"), ("Z", "/"), ("m", "/engineering/")] {
                var user = Fixture.user(name, path: path)
                user.id = "AIDA" + String(name.unicodeScalars.map { String($0.value, radix: 16) }.joined())
                try await store.createUser(user)
            }
            // Case-insensitive names sort by their lower-case key, byte by byte: `_` (0x5F) before `a` (0x61).
            #expect(try await store.users(accountID: Fixture.account, pathPrefix: "/").map(\.name) == ["_x", "a", "B", "m", "Z"])
            #expect(try await store.users(accountID: Fixture.account, pathPrefix: "/eng").map(\.name) == ["_x", "a", "m"])
            #expect(try await store.users(accountID: Fixture.account, pathPrefix: "/eng/").map(\.name) == ["_x", "a"])
            #expect(try await store.users(accountID: Fixture.account, pathPrefix: "/eng/ops/").map(\.name) == ["_x"])
            #expect(try await store.users(accountID: Fixture.account, pathPrefix: "/ENG/").isEmpty)
            #expect(try await store.users(accountID: Fixture.account, pathPrefix: "/nothing/").isEmpty)
            #expect(try await store.users(accountID: Fixture.otherAccount, pathPrefix: "/").isEmpty)
        }
    }

    @Test("update renames and moves a user; a rename onto a taken name conflicts", arguments: StoreBackend.all)
    func updateAndRename(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            try await store.createUser(Fixture.user("bob"))
            try await store.updateUser(id: "AIDAALICE", name: "Alicia", path: "/moved/")
            #expect(try await store.user(accountID: Fixture.account, name: "alice") == nil)
            let renamed = try #require(try await store.user(accountID: Fixture.account, name: "ALICIA"))
            #expect(renamed.id == "AIDAALICE" && renamed.name == "Alicia" && renamed.path == "/moved/")
            #expect(renamed.arn == "arn:aws:iam::111122223333:user/moved/Alicia")

            await #expect(throws: StorageError.conflict("user-name")) {
                try await store.updateUser(id: "AIDABOB", name: "ALICIA", path: "/")
            }
            #expect(try await store.user(id: "AIDABOB")?.name == "bob")
            // Changing only the case of one's own name is allowed.
            try await store.updateUser(id: "AIDABOB", name: "Bob", path: "/")
            #expect(try await store.user(id: "AIDABOB")?.name == "Bob")

            try await store.setUserPermissionsBoundary(id: "AIDABOB", policyARN: "arn:aws:iam::aws:policy/PowerUserAccess")
            #expect(try await store.user(id: "AIDABOB")?.permissionsBoundaryARN == "arn:aws:iam::aws:policy/PowerUserAccess")
            try await store.setUserPermissionsBoundary(id: "AIDABOB", policyARN: nil)
            #expect(try await store.user(id: "AIDABOB")?.permissionsBoundaryARN == nil)

            try await store.recordPasswordUse(userID: "AIDABOB", at: Fixture.largeTime)
            #expect(try await store.user(id: "AIDABOB")?.passwordLastUsed == Fixture.largeTime)
        }
    }

    @Test("tags keep their order; setting tags replaces them all", arguments: StoreBackend.all)
    func tags(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let tags = Fixture.tags(["zeta": "1", "Alpha": "2", "mid": "", "ключ": "значение 🚀"])
            try await store.createUser(Fixture.user("alice", tags: tags))
            #expect(try await store.user(id: "AIDAALICE")?.tags == tags)
            let replaced = Fixture.tags(["b": "x", "a": "y"])
            try await store.setUserTags(id: "AIDAALICE", tags: replaced)
            #expect(try await store.user(id: "AIDAALICE")?.tags == replaced)
            try await store.setUserTags(id: "AIDAALICE", tags: [])
            #expect(try await store.user(id: "AIDAALICE")?.tags == [])
        }
    }

    @Test("deleting a user removes its keys, memberships, login profile, policies and tags", arguments: StoreBackend.all)
    func deleteCascades(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let alice = Fixture.user("alice", tags: Fixture.tags(["k": "v"]))
            try await store.createUser(alice)
            try await store.createUser(Fixture.user("bob"))
            try await store.createGroup(Fixture.group("devs"))
            try await store.addMember(groupID: "AGPADEVS", userID: alice.id)
            try await store.addMember(groupID: "AGPADEVS", userID: "AIDABOB")
            try await store.createAccessKey(Fixture.accessKey("AKIAALICE1", userID: alice.id))
            try await store.createAccessKey(Fixture.accessKey("AKIABOB1", userID: "AIDABOB"))
            try await store.putLoginProfile(IAMLoginProfile(userID: alice.id, passwordHash: "hash", passwordResetRequired: true,
                                                            createdAt: 1, passwordChangedAt: 1))
            try await store.addPasswordHistory(userID: alice.id, hash: "old", at: 1)
            try await store.attach(.user(alice.id), policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess", at: 1)
            try await store.putInlinePolicy(.user(alice.id), IAMInlinePolicy(name: "p", document: "{}"))
            let serial = "arn:aws:iam::111122223333:mfa/alice"
            try await store.createMFADevice(Fixture.mfaDevice(serial, userID: alice.id, enabledAt: 5))
            try await store.createSSHPublicKey(IAMSSHPublicKey(id: "APKAALICE", userID: alice.id, sshBody: "ssh-rsa AAAA",
                                                               pemBody: "pem", fingerprint: "fp", status: .active, uploadedAt: 1))

            try await store.createConsoleSession(ConsoleSession(tokenHash: "console-alice", accountID: Fixture.account, userID: alice.id,
                                                                stage: .active, csrfToken: "c", createdAt: 1, lastSeenAt: 1,
                                                                mfaAuthenticatedAt: nil, region: "us-east-1"))
            try await store.createSession(IAMSessionCredential(accessKeyID: "ASIAALICE", accountID: Fixture.account, userID: alice.id,
                                                               sealedSecret: [1], tokenHash: [2], issuedAt: 1, expiresAt: 9,
                                                               mfaAuthenticatedAt: nil))

            try await store.deleteUser(id: alice.id)

            #expect(try await store.user(id: alice.id) == nil)
            #expect(try await store.user(accountID: Fixture.account, name: "alice") == nil)
            #expect(try await store.accessKey(id: "AKIAALICE1") == nil)
            #expect(try await store.accessKeys(accountID: Fixture.account, userID: alice.id).isEmpty)
            #expect(try await store.members(groupID: "AGPADEVS").map(\.name) == ["bob"])
            #expect(try await store.groupsForUser(userID: alice.id).isEmpty)
            #expect(try await store.loginProfile(userID: alice.id) == nil)
            #expect(try await store.passwordHistory(userID: alice.id, limit: 5).isEmpty)
            #expect(try await store.attachedPolicies(.user(alice.id)).isEmpty)
            #expect(try await store.attachmentCount(policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess") == 0)
            #expect(try await store.inlinePolicies(.user(alice.id)).isEmpty)
            #expect(try await store.sshPublicKeys(userID: alice.id).isEmpty)
            #expect(try await store.consoleSession(tokenHash: "console-alice") == nil)
            #expect(try await store.session(accessKeyID: "ASIAALICE") == nil)
            // The MFA device outlives its user, unassigned.
            let device = try #require(try await store.mfaDevice(serialNumber: serial))
            #expect(device.userID == nil)
            // Bob is untouched.
            #expect(try await store.accessKey(id: "AKIABOB1")?.userID == "AIDABOB")

            // The name and id are free again, and a new user with that id inherits no old tags or keys.
            try await store.createUser(Fixture.user("Alice"))
            #expect(try await store.user(id: alice.id)?.tags == [])
            #expect(try await store.accessKeys(accountID: Fixture.account, userID: alice.id).isEmpty)
        }
    }

    @Test("rows that point nowhere are refused alike: a user of no account, a member that is no user", arguments: StoreBackend.all)
    func foreignKeys(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            // Unavailable, with a message that names no SQL (SQL text never leaves storage).
            func unavailable(_ error: any Error) -> Bool {
                guard case .unavailable(let message) = error as? StorageError else { return false }
                return !message.contains("INSERT") && !message.contains("iam_user (")
            }
            await #expect(performing: { try await store.createUser(Fixture.user("ghost", account: "000000000000")) },
                          throws: unavailable)
            #expect(try await store.user(id: "AIDAGHOST") == nil)
            try await store.createGroup(Fixture.group("devs"))
            await #expect(performing: { try await store.addMember(groupID: "AGPADEVS", userID: "AIDANOBODY") }, throws: unavailable)
            #expect(try await store.members(groupID: "AGPADEVS").isEmpty)
        }
    }
}
