import Foundation
import IAMModel
import IAMStorage
import Testing

/// What must hold when callers race: one winner for a name, no lost group members, a TOTP step
/// accepted once; and a store that survives being closed and opened again (SQLite file in WAL mode).
@Suite("Concurrent store use")
struct ConcurrencyStoreTests {
    @Test("16 concurrent creates of one user name: exactly one succeeds, the rest conflict", arguments: StoreBackend.all)
    func concurrentCreateUser(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let outcomes = await withTaskGroup(of: StorageError?.self) { group in
                for i in 0..<16 {
                    group.addTask {
                        var user = Fixture.user(i.isMultiple(of: 2) ? "Racer" : "RACER")
                        user.id = "AIDARACER\(i)"
                        user.tags = Fixture.tags(["attempt": "\(i)"])
                        do {
                            try await store.createUser(user)
                            return nil
                        } catch let error as StorageError {
                            return error
                        } catch {
                            return .unavailable("\(error)")
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count == 16)
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.compactMap { $0 } == Array(repeating: StorageError.conflict("user-name"), count: 15))
            let users = try await store.users(accountID: Fixture.account, pathPrefix: "/")
            #expect(users.count == 1)
            let winner = try #require(users.first)
            // The winner's tags, and only its tags, were written.
            #expect(winner.tags == Fixture.tags(["attempt": String(winner.id.dropFirst("AIDARACER".count))]))
        }
    }

    /// 16 as the issue asks, and 64 beside as many readers: far more writers than PostgreSQL connections,
    /// aborting each other under SERIALIZABLE (SQLite queues them) until the retries let each through.
    @Test("concurrent adds of different users to one group: all become members",
          arguments: StoreBackend.all.flatMap { backend in [16, 64].map { (backend, $0) } })
    func concurrentAddMember(backend: StoreBackend, count: Int) async throws {
        try await backend.withStore { store in
            try await store.createGroup(Fixture.group("crowd"))
            let names = (0..<count).map { String(format: "user%02d", $0) }
            for name in names { try await store.createUser(Fixture.user(name)) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names {
                    group.addTask { try await store.addMember(groupID: "AGPACROWD", userID: "AIDA" + name.uppercased()) }
                    if count > 16 {
                        group.addTask { _ = try await store.members(groupID: "AGPACROWD") }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.members(groupID: "AGPACROWD").map(\.name) == names)
            for name in names {
                #expect(try await store.groupsForUser(userID: "AIDA" + name.uppercased()).map(\.name) == ["crowd"])
            }
        }
    }

    @Test("20 concurrent uses of one TOTP step: exactly one is accepted", arguments: StoreBackend.all)
    func concurrentConsumeStep(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let serial = "arn:aws:iam::111122223333:mfa/racer"
            try await store.createMFADevice(Fixture.mfaDevice(serial))
            #expect(try await store.consumeMFAStep(serialNumber: serial, step: 1_000))
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await store.consumeMFAStep(serialNumber: serial, step: 1_001) }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(accepted.count == 20)
            #expect(accepted.filter { $0 }.count == 1)
            #expect(try await store.mfaDevice(serialNumber: serial)?.lastUsedStep == 1_001)
        }
    }

    @Test("quotas hold under concurrency: 10 racing OIDC providers under a quota of 4, two roles for one profile",
          arguments: StoreBackend.all)
    func concurrentLimits(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let outcomes = await withTaskGroup(of: StorageError?.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        let provider = IAMOIDCProvider(id: "oidc-\(i)", accountID: Fixture.account, url: "idp\(i).example",
                                                       clientIDs: ["c"], thumbprints: [], createdAt: 1)
                        do {
                            try await store.createOIDCProvider(provider, quota: 4)
                            return nil
                        } catch let error as StorageError {
                            return error
                        } catch {
                            return .unavailable("\(error)")
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 4)
            #expect(outcomes.compactMap { $0 } == Array(repeating: StorageError.conflict("quota"), count: 6))
            #expect(try await store.oidcProviders(accountID: Fixture.account).count == 4)

            try await store.createInstanceProfile(IAMInstanceProfile(id: "AIPAWEB", accountID: Fixture.account, name: "web",
                                                                     path: "/", createdAt: 1))
            let roles = (0..<6).map { "role\($0)" }
            for name in roles { try await store.createRole(Fixture.role(name)) }
            let added = try await withThrowingTaskGroup(of: Bool.self) { group in
                for name in roles {
                    group.addTask { try await store.addRole("AROA" + name.uppercased(), toInstanceProfile: "AIPAWEB") }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(added.filter { $0 }.count == 1)
            #expect(try await store.instanceProfile(accountID: Fixture.account, name: "web")?.roles.count == 1)
        }
    }

    @Test("a read is one snapshot: while versions are added as default, the newest is always the default",
          arguments: StoreBackend.all)
    func readSnapshot(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let policy = Fixture.policy("Moving")
            try await store.createPolicy(policy, document: Fixture.document)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for i in 0..<40 {
                        _ = try await store.addVersion(policyID: policy.id, document: "{}", setAsDefault: true, at: Int64(i))
                        try await store.deleteVersion(policyID: policy.id, versionID: "v\(i + 1)")
                    }
                }
                for _ in 0..<2 {
                    group.addTask {
                        for _ in 0..<100 {
                            let versions = try await store.versions(policyID: policy.id)
                            #expect(versions.count == 1 || versions.count == 2)
                            #expect(versions.filter(\.isDefault).map(\.versionID) == [versions.first?.versionID])
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.versions(policyID: policy.id).map(\.versionID) == ["v41"])
        }
    }

    @Test("a store closed and opened again keeps its data (SQLite: a WAL file)", arguments: StoreBackend.all)
    func reopen(backend: StoreBackend) async throws {
        let location = try backend.makeLocation()
        defer { location.remove() }
        let store = try await location.open()
        do {
            try await store.createAccount(IAMAccount(id: Fixture.account, alias: "durable", createdAt: Fixture.largeTime))
            // Writers and readers at once: WAL lets readers run beside the writer.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<8 {
                    group.addTask { try await store.createUser(Fixture.user("user\(i)", tags: Fixture.tags(["i": "\(i)"]))) }
                    group.addTask { _ = try await store.users(accountID: Fixture.account, pathPrefix: "/") }
                }
                try await group.waitForAll()
            }
            try await store.createAccessKey(Fixture.accessKey("AKIADURABLE", userID: "AIDAUSER0", secret: Fixture.allBytes))
            if case .file(let path) = location {
                #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the SQLite file runs in WAL mode")
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()

        // Opening again applies no migration twice and finds everything.
        let reopened = try await location.open()
        do {
            #expect(try await reopened.account(id: Fixture.account)?.alias == "durable")
            #expect(try await reopened.users(accountID: Fixture.account, pathPrefix: "/").count == 8)
            #expect(try await reopened.user(id: "AIDAUSER3")?.tags == Fixture.tags(["i": "3"]))
            #expect(try await reopened.accessKey(id: "AKIADURABLE")?.sealedSecret == Fixture.allBytes)
        } catch {
            await reopened.close()
            throw error
        }
        await StoreBackend.discard(reopened)
    }
}
