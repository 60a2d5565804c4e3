import IAMModel
import IAMStorage
import Testing

/// EC2 resources (JSON documents per account, region and kind) and web console sessions.
@Suite("EC2 and console store")
struct EC2ConsoleStoreTests {
    static let region = "us-east-1"

    @Test("EC2 resources: scoped by kind and region, unique names, oldest first, replaced in place", arguments: StoreBackend.all)
    func ec2Resources(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            func put(_ kind: String, _ id: String, name: String? = nil, region: String = Self.region, data: String,
                     at time: Int64) async throws {
                try await store.putEC2Resource(kind: kind, id: id, accountID: Fixture.account, region: region, nameKey: name,
                                               data: data, createdAt: time)
            }
            try await put("instance", "i-b", data: #"{"id":"i-b"}"#, at: 10)
            try await put("instance", "i-a", data: #"{"id":"i-a"}"#, at: 10)
            try await put("instance", "i-0", data: #"{"id":"i-0"}"#, at: 5)
            try await put("instance", "i-eu", region: "eu-west-1", data: "{}", at: 1)
            try await put("key-pair", "key-1", name: "deploy", data: #"{"name":"déploiement 🔑"}"#, at: Fixture.largeTime)
            try await put("security-group", "sg-1", name: "deploy", data: "{}", at: 1)

            // Oldest first; the same second keeps insertion order.
            #expect(try await store.ec2Resources(kind: "instance", accountID: Fixture.account, region: Self.region)
                    == [#"{"id":"i-0"}"#, #"{"id":"i-b"}"#, #"{"id":"i-a"}"#])
            #expect(try await store.ec2Resources(kind: "instance", accountID: Fixture.account, region: "eu-west-1") == ["{}"])
            #expect(try await store.ec2Resource(kind: "key-pair", nameKey: "deploy", accountID: Fixture.account, region: Self.region)
                    == #"{"name":"déploiement 🔑"}"#)
            #expect(try await store.ec2Resource(kind: "key-pair", id: "key-1", accountID: Fixture.account, region: "eu-west-1") == nil)
            #expect(try await store.ec2Resource(kind: "instance", id: "key-1", accountID: Fixture.account, region: Self.region) == nil)

            // A second key pair of that name in the region conflicts; other regions and kinds are independent.
            await #expect(throws: StorageError.conflict("ec2-name")) {
                try await put("key-pair", "key-2", name: "deploy", data: "{}", at: 2)
            }
            try await put("key-pair", "key-3", name: "deploy", region: "eu-west-1", data: "{}", at: 2)

            // Replacing keeps the resource's place.
            try await put("instance", "i-b", data: #"{"id":"i-b","state":"stopped"}"#, at: 99)
            #expect(try await store.ec2Resources(kind: "instance", accountID: Fixture.account, region: Self.region)
                    == [#"{"id":"i-0"}"#, #"{"id":"i-b","state":"stopped"}"#, #"{"id":"i-a"}"#])

            try await store.deleteEC2Resource(kind: "instance", id: "i-b", accountID: Fixture.account, region: Self.region)
            #expect(try await store.ec2Resources(kind: "instance", accountID: Fixture.account, region: Self.region).count == 2)
        }
    }

    @Test("console sessions: created, updated, deleted, and swept when idle or old", arguments: StoreBackend.all)
    func consoleSessions(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            var session = ConsoleSession(tokenHash: "hash-1", accountID: Fixture.account, userID: "AIDAALICE", stage: .mfa,
                                         csrfToken: "csrf", createdAt: 100, lastSeenAt: 100, mfaAuthenticatedAt: nil,
                                         region: "us-east-1")
            try await store.createConsoleSession(session)
            await #expect(throws: StorageError.conflict("console-session")) { try await store.createConsoleSession(session) }
            #expect(try await store.consoleSession(tokenHash: "hash-1") == session)

            session.stage = .active
            session.mfaAuthenticatedAt = Fixture.largeTime
            session.lastSeenAt = 150
            session.region = "eu-central-1"
            try await store.updateConsoleSession(session)
            #expect(try await store.consoleSession(tokenHash: "hash-1") == session)

            let root = ConsoleSession(tokenHash: "hash-root", accountID: Fixture.account, userID: nil, stage: .password,
                                      csrfToken: "c2", createdAt: 10, lastSeenAt: 400, mfaAuthenticatedAt: nil, region: "us-east-1")
            let idle = ConsoleSession(tokenHash: "hash-idle", accountID: Fixture.account, userID: nil, stage: .active,
                                      csrfToken: "c3", createdAt: 300, lastSeenAt: 120, mfaAuthenticatedAt: 1, region: "us-east-1")
            try await store.createConsoleSession(root)
            try await store.createConsoleSession(idle)
            // Idle before 140 (hash-idle), or created before 50 (hash-root); hash-1 stays.
            try await store.deleteStaleConsoleSessions(idleBefore: 140, createdBefore: 50)
            #expect(try await store.consoleSession(tokenHash: "hash-idle") == nil)
            #expect(try await store.consoleSession(tokenHash: "hash-root") == nil)
            #expect(try await store.consoleSession(tokenHash: "hash-1") == session)

            try await store.deleteConsoleSession(tokenHash: "hash-1")
            #expect(try await store.consoleSession(tokenHash: "hash-1") == nil)
        }
    }

    @Test("the root console password is set, replaced and its use recorded", arguments: StoreBackend.all)
    func rootPassword(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.rootPasswordHash(accountID: Fixture.account) == nil)
            #expect(try await store.rootPasswordLastUsed(accountID: Fixture.account) == nil)
            try await store.setRootPassword(accountID: Fixture.account, hash: "one", at: 1)
            try await store.recordRootPasswordUse(accountID: Fixture.account, at: Fixture.largeTime)
            try await store.setRootPassword(accountID: Fixture.account, hash: "two", at: 2)
            #expect(try await store.rootPasswordHash(accountID: Fixture.account) == "two")
            #expect(try await store.rootPasswordLastUsed(accountID: Fixture.account) == Fixture.largeTime)
        }
    }
}
