import AWSQuery
import Foundation
@testable import IAMServices
import IAMModel
import IAMPolicyCatalog
import IAMStorage
import Logging
import Testing

/// Shared node state in the store: failure throttles and the console MFA wizard's pending
/// devices, seen by two nodes (two `WardenAPI`s on one store) with the time as a parameter.
@Suite("Cluster state in the store")
struct ClusterStateTests {
    static let start: Int64 = 1_800_000_000

    @Test("a throttle blocks after the limit within the window, and a failure after the window starts a new one")
    func throttleWindow() async throws {
        let store = try SQLStorage()
        let throttle = FailureThrottle(store: store, scope: "test", limit: 5, windowSeconds: 300)
        for i in 0..<4 {
            try await throttle.recordFailure("alice", now: Self.start + Int64(i))
            #expect(try await throttle.isBlocked("alice", now: Self.start + Int64(i)) == false)
        }
        try await throttle.recordFailure("alice", now: Self.start + 10)
        #expect(try await throttle.isBlocked("alice", now: Self.start + 10))
        // The window started with the first failure: blocked up to 300 s after it, not after.
        #expect(try await throttle.isBlocked("alice", now: Self.start + 300))
        #expect(try await throttle.isBlocked("alice", now: Self.start + 301) == false)
        #expect(try await store.recordThrottleFailure(key: throttle.key("alice"), at: Self.start + 301, windowSeconds: 300) == 1)
        // Other names and other scopes count apart; clear forgets.
        #expect(try await throttle.isBlocked("bob", now: Self.start + 10) == false)
        let other = FailureThrottle(store: store, scope: "other", limit: 1, windowSeconds: 300)
        #expect(try await other.isBlocked("alice", now: Self.start + 302) == false)
        try await throttle.clear("alice")
        #expect(try await store.throttleFailures(key: throttle.key("alice"), windowStart: 0) == 0)
    }

    @Test("concurrent failures are all counted (one atomic statement each)")
    func concurrentFailures() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-throttle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Two connections pools on one file, like two nodes.
        let path = directory.appendingPathComponent("warden.sqlite").path
        let nodes = [try SQLStorage(path: path), try SQLStorage(path: path)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask {
                    try await nodes[i % 2].recordThrottleFailure(key: "k", at: Self.start, windowSeconds: 300)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await nodes[0].throttleFailures(key: "k", windowStart: Self.start - 300) == 40)
    }

    struct TwoNodes {
        let store: SQLStorage
        let a: WardenAPI
        let b: WardenAPI
        let accountID: String
        let root: Caller

        init() async throws {
            store = try SQLStorage()
            let box = try #require(SecretBox(keyBytes: SecretBox.generateKeyBytes()))
            let catalog = try ManagedPolicyCatalog.shared()
            a = WardenAPI(store: store, box: box, catalog: catalog, now: { ClusterStateTests.start }, logger: Logger(label: "a"))
            b = WardenAPI(store: store, box: box, catalog: catalog, now: { ClusterStateTests.start }, logger: Logger(label: "b"))
            let account = try await AccountBootstrap.ensureAccount(store: store, box: box, now: ClusterStateTests.start)
            accountID = account.accountID
            root = Caller(accountID: account.accountID, user: nil, accessKeyID: account.accessKeyID)
        }
    }

    @Test("console sign-in failures on node A throttle the same user on node B")
    func signInThrottleAcrossNodes() async throws {
        let nodes = try await TwoNodes()
        let facts = RequestFacts(time: Self.start, sourceIP: "127.0.0.1", secureTransport: false, region: "us-east-1")
        for (action, parameters) in [("CreateUser", [("UserName", "carol")]),
                                     ("CreateLoginProfile", [("UserName", "carol"), ("Password", "Passw0rd-Test")])] {
            let response = await nodes.a.handle(service: .iam, parameters: QueryParameters([("Action", action)] + parameters),
                                                caller: nodes.root, facts: facts, requestID: "test")
            #expect(response.status == 200)
        }
        for _ in 0..<5 {
            let result = try await nodes.a.console.signIn(account: nodes.accountID, userName: "carol", password: "wrong",
                                                          clientIP: "192.0.2.1")
            guard case .failed(let message) = result else {
                Issue.record("a wrong password signed in")
                return
            }
            #expect(message == ConsoleSignIn.genericFailure)
        }
        let onB = try await nodes.b.console.signIn(account: nodes.accountID, userName: "carol", password: "Passw0rd-Test",
                                                   clientIP: "198.51.100.7")
        guard case .failed(let blocked) = onB else {
            Issue.record("a user throttled on node A signed in on node B")
            return
        }
        #expect(blocked == ConsoleSignIn.throttledFailure)
    }

    @Test("a pending MFA device put on node A is read on node B, sealed in the store, for 15 minutes")
    func pendingDeviceAcrossNodes() async throws {
        let nodes = try await TwoNodes()
        let serial = "arn:aws:iam::\(nodes.accountID):mfa/dave"
        let pending = PendingMFADevices.Pending(serialNumber: serial, base32Seed: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
                                                qrPNGBase64: "iVBORw0KGgoAAAANSUhEUg==", createdAt: Self.start)
        try await nodes.a.pendingMFA.put(pending, session: "session-1")

        let found = try #require(try await nodes.b.pendingMFA.get(session: "session-1", serialNumber: serial, now: Self.start + 899))
        #expect(found.base32Seed == pending.base32Seed)
        #expect(found.qrPNGBase64 == pending.qrPNGBase64)
        #expect(found.createdAt == Self.start)
        #expect(try await nodes.b.pendingMFA.get(session: "session-1", serialNumber: serial, now: Self.start + 900) == nil)
        #expect(try await nodes.b.pendingMFA.get(session: "session-2", serialNumber: serial, now: Self.start) == nil)
        #expect(try await nodes.b.pendingMFA.get(session: "session-1", serialNumber: serial + "x", now: Self.start) == nil)

        // Sealed at rest: neither the seed nor the QR code is stored in the clear.
        let stored = try #require(try await nodes.store.pendingMFADevice(sessionHash: "session-1", serialNumber: serial,
                                                                         createdSince: 0))
        #expect(stored.sealedSeed.count > 0)
        #expect(!String(decoding: stored.sealedSeed, as: UTF8.self).contains("JBSWY3DP"))
        #expect(!String(decoding: stored.sealedQRCodePNG, as: UTF8.self).contains("iVBORw0K"))

        // A later put for another session drops devices older than the lifetime; remove forgets.
        var other = pending
        other.createdAt = Self.start + 900
        try await nodes.a.pendingMFA.put(other, session: "session-2")
        #expect(try await nodes.store.pendingMFADevice(sessionHash: "session-1", serialNumber: serial, createdSince: 0) == nil)
        try await nodes.b.pendingMFA.remove(session: "session-2")
        #expect(try await nodes.a.pendingMFA.get(session: "session-2", serialNumber: serial, now: Self.start + 900) == nil)
    }
}
