import IAMModel
import IAMStorage
import Testing

/// Access keys and STS sessions, with the values that must cross both engines unchanged: every
/// byte value in a blob, 64-bit integers, and text beyond ASCII.
@Suite("Credential store")
struct CredentialStoreTests {
    @Test("access keys: user and root keys, status, last use", arguments: StoreBackend.all)
    func accessKeys(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            try await store.createAccessKey(Fixture.accessKey("AKIAB", userID: "AIDAALICE", createdAt: 7))
            try await store.createAccessKey(Fixture.accessKey("AKIAA", userID: "AIDAALICE", createdAt: 7))
            try await store.createAccessKey(Fixture.accessKey("AKIAC", userID: "AIDAALICE", createdAt: 3))
            try await store.createAccessKey(Fixture.accessKey("AKIAROOT", userID: nil, secret: Fixture.allBytes))
            await #expect(throws: StorageError.conflict("access-key")) {
                try await store.createAccessKey(Fixture.accessKey("AKIAA", userID: nil))
            }

            // Oldest first, then by id.
            #expect(try await store.accessKeys(accountID: Fixture.account, userID: "AIDAALICE").map(\.id) == ["AKIAC", "AKIAA", "AKIAB"])
            #expect(try await store.accessKeys(accountID: Fixture.account, userID: nil).map(\.id) == ["AKIAROOT"])
            #expect(try await store.accessKeys(accountID: Fixture.otherAccount, userID: nil).isEmpty)
            let root = try #require(try await store.accessKey(id: "AKIAROOT"))
            #expect(root == Fixture.accessKey("AKIAROOT", userID: nil, secret: Fixture.allBytes))
            #expect(root.sealedSecret.count == 256)

            try await store.setAccessKeyStatus(id: "AKIAA", status: .inactive)
            #expect(try await store.accessKey(id: "AKIAA")?.status == .inactive)
            try await store.setAccessKeyStatus(id: "AKIAA", status: .active)
            #expect(try await store.accessKey(id: "AKIAA")?.status == .active)

            #expect(try await store.accessKey(id: "AKIAB")?.lastUsedAt == nil)
            try await store.recordAccessKeyUse(id: "AKIAB", at: 100, service: "iam", region: "us-east-1")
            try await store.recordAccessKeyUse(id: "AKIAB", at: Fixture.largeTime, service: "sts", region: "eu-west-1")
            let used = try #require(try await store.accessKey(id: "AKIAB"))
            #expect(used.lastUsedAt == Fixture.largeTime && used.lastUsedService == "sts" && used.lastUsedRegion == "eu-west-1")

            try await store.deleteAccessKey(id: "AKIAB")
            #expect(try await store.accessKey(id: "AKIAB") == nil)
            #expect(try await store.accessKeys(accountID: Fixture.account, userID: "AIDAALICE").map(\.id) == ["AKIAC", "AKIAA"])
        }
    }

    @Test("sessions round-trip every field; expired ones are deleted, the rest kept", arguments: StoreBackend.all)
    func sessions(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            var assumed = IAMSessionCredential(accessKeyID: "ASIAROLE", accountID: Fixture.account, userID: nil,
                                               sealedSecret: Fixture.allBytes, tokenHash: Fixture.allBytes.reversed(),
                                               issuedAt: Fixture.largeTime, expiresAt: Fixture.largeTime + 3_600,
                                               mfaAuthenticatedAt: Fixture.largeTime)
            assumed.kind = "assumed-role"
            assumed.roleID = "AROAAPP"
            assumed.sessionName = "session-ü"
            assumed.context = #"{"tags":{"Projekt":"Ärger 🚀"},"sourceIdentity":"我"}"#
            try await store.createSession(assumed)
            let plain = IAMSessionCredential(accessKeyID: "ASIAUSER", accountID: Fixture.account, userID: "AIDAALICE",
                                             sealedSecret: [0], tokenHash: [], issuedAt: 10, expiresAt: 100,
                                             mfaAuthenticatedAt: nil)
            try await store.createSession(plain)
            await #expect(throws: StorageError.conflict("session")) { try await store.createSession(plain) }

            #expect(try await store.session(accessKeyID: "ASIAROLE") == assumed)
            let stored = try #require(try await store.session(accessKeyID: "ASIAUSER"))
            #expect(stored == plain && stored.kind == "session-token" && stored.roleID == nil && stored.context == nil)
            #expect(try await store.session(accessKeyID: "ASIANONE") == nil)

            // Strictly before: a session expiring at the cut-off stays.
            try await store.deleteExpiredSessions(before: 100)
            #expect(try await store.session(accessKeyID: "ASIAUSER") != nil)
            try await store.deleteExpiredSessions(before: 101)
            #expect(try await store.session(accessKeyID: "ASIAUSER") == nil)
            #expect(try await store.session(accessKeyID: "ASIAROLE") == assumed)
            try await store.deleteExpiredSessions(before: Int64.max)
            #expect(try await store.session(accessKeyID: "ASIAROLE") == nil)
        }
    }

    @Test("blobs of every byte value and of zero length round-trip", arguments: StoreBackend.all)
    func blobs(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let samples: [[UInt8]] = [Fixture.allBytes, Fixture.allBytes.reversed(), [], [0], [0, 0, 0], [0xFF], Array(repeating: 0x5C, count: 3)]
            for (i, bytes) in samples.enumerated() {
                try await store.createAccessKey(Fixture.accessKey("AKIABLOB\(i)", userID: nil, secret: bytes))
            }
            for (i, bytes) in samples.enumerated() {
                #expect(try await store.accessKey(id: "AKIABLOB\(i)")?.sealedSecret == bytes)
            }
        }
    }

    @Test("64-bit integers round-trip at both ends of the range", arguments: StoreBackend.all)
    func largeIntegers(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for (i, value) in [Fixture.largeTime, Int64.max, Int64.min, -1, 0, Int64(Int32.max) + 1].enumerated() {
                try await store.createAccessKey(Fixture.accessKey("AKIAINT\(i)", userID: nil, createdAt: value))
                try await store.recordAccessKeyUse(id: "AKIAINT\(i)", at: value, service: "s", region: "r")
                let key = try #require(try await store.accessKey(id: "AKIAINT\(i)"))
                #expect(key.createdAt == value && key.lastUsedAt == value)
            }
            // Ordered numerically, not as text.
            #expect(try await store.accessKeys(accountID: Fixture.account, userID: nil).map(\.createdAt)
                    == [Int64.min, -1, 0, Int64(Int32.max) + 1, Fixture.largeTime, Int64.max])
        }
    }
}
