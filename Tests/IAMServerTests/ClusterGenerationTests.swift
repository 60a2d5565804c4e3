import AWSQuery
import Foundation
@testable import IAMServices
import IAMModel
import IAMPolicyCatalog
import IAMStorage
import Logging
import Synchronization
import Testing

/// Cross-node cache invalidation: two nodes are two checkers (or two `WardenAPI`s) on one store,
/// with millisecond clocks the test moves.
@Suite("Cluster change generation")
struct ClusterGenerationTests {
    final class Counter: Sendable {
        let value = Mutex(0)
        var count: Int { value.withLock { $0 } }
        func add() { value.withLock { $0 += 1 } }
    }

    final class Clock: Sendable {
        let time = Mutex<Int64>(1_000_000)
        var now: Int64 { time.withLock { $0 } }
        func advance(_ milliseconds: Int64) { time.withLock { $0 += milliseconds } }
    }

    @Test("a change on one node drops the other node's caches at its first check 250 ms after the last one")
    func otherNodeDrops() async throws {
        let store = try SQLStorage()
        let droppedA = Counter(), droppedB = Counter()
        let nodeA = ClusterGeneration(store: store) { droppedA.add() }
        let nodeB = ClusterGeneration(store: store) { droppedB.add() }
        // The first look reads the generation (and drops whatever was cached before).
        #expect(await nodeB.check(atMillis: 0))
        #expect(droppedB.count == 1)
        #expect(await nodeB.check(atMillis: 100) == false)
        #expect(await nodeA.check(atMillis: 0))

        await nodeA.changed()
        #expect(droppedA.count == 2)
        // Within the interval B does not look (its caches may be up to 250 ms old) ...
        #expect(await nodeB.check(atMillis: 249) == false)
        #expect(droppedB.count == 1)
        // ... then it sees the new generation and drops them once.
        #expect(await nodeB.check(atMillis: 250))
        #expect(droppedB.count == 2)
        #expect(await nodeB.check(atMillis: 600) == false)
        #expect(droppedB.count == 2)
        // A's own bump does not make A drop a second time.
        #expect(await nodeA.check(atMillis: 1_000) == false)
        #expect(droppedA.count == 2)
    }

    @Test("when another node bumped in between, the next check drops again and does not wait for the interval")
    func interleavedBumps() async throws {
        let store = try SQLStorage()
        let droppedA = Counter()
        let nodeA = ClusterGeneration(store: store) { droppedA.add() }
        let nodeB = ClusterGeneration(store: store) {}
        #expect(await nodeA.check(atMillis: 0))
        await nodeB.changed()
        await nodeA.changed()
        #expect(droppedA.count == 2)
        #expect(await nodeA.check(atMillis: 1))
        #expect(droppedA.count == 3)
        #expect(try await store.changeGeneration() == 2)
    }

    @Test("a clock that went backwards counts as due")
    func clockBackwards() async throws {
        let store = try SQLStorage()
        let node = ClusterGeneration(store: store) {}
        #expect(await node.check(atMillis: 10_000))
        try await store.bumpChangeGeneration()
        #expect(await node.check(atMillis: 5_000))
    }

    @Test("a policy attached through node A takes effect on node B after B's next check, not before")
    func attachmentReachesOtherNode() async throws {
        let store = try SQLStorage()
        let box = try #require(SecretBox(keyBytes: SecretBox.generateKeyBytes()))
        let catalog = try ManagedPolicyCatalog.shared()
        let clock = Clock()
        let time: Int64 = 1_800_000_000
        let nodeA = WardenAPI(store: store, box: box, catalog: catalog, now: { time }, logger: Logger(label: "a"),
                              millis: { clock.now })
        let nodeB = WardenAPI(store: store, box: box, catalog: catalog, now: { time }, logger: Logger(label: "b"),
                              millis: { clock.now })
        let account = try await AccountBootstrap.ensureAccount(store: store, box: box, now: time)
        let root = Caller(accountID: account.accountID, user: nil, accessKeyID: account.accessKeyID)
        let facts = RequestFacts(time: time, sourceIP: "127.0.0.1", secureTransport: false, region: "us-east-1")
        func call(_ node: WardenAPI, _ caller: Caller, _ action: String, _ parameters: [(String, String)] = []) async
            -> WardenAPI.Response {
            await node.handle(service: .iam, parameters: QueryParameters([("Action", action)] + parameters), caller: caller,
                              facts: facts, requestID: "test")
        }
        #expect(await call(nodeA, root, "CreateUser", [("UserName", "bob")]).status == 200)
        let created = await call(nodeA, root, "CreateAccessKey", [("UserName", "bob")])
        let keyID = try #require(created.body.firstMatch(of: /<AccessKeyId>([A-Z0-9]+)<\/AccessKeyId>/)?.1)
        // Node B sees the user at once (nothing about bob was cached there).
        let bob = try await nodeB.authenticate(accessKeyID: String(keyID), sessionToken: nil).caller
        #expect(bob.user?.name == "bob")
        #expect(await call(nodeB, bob, "ListUsers").status == 403)

        #expect(await call(nodeA, root, "AttachUserPolicy", [("UserName", "bob"),
                                                             ("PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")]).status == 200)
        // A dropped its own caches at once.
        #expect(await call(nodeA, bob, "ListUsers").status == 200)
        // B still answers from the policy set it compiled (proof that it caches) until its next check.
        clock.advance(100)
        #expect(await call(nodeB, bob, "ListUsers").status == 403)
        clock.advance(150)
        #expect(await call(nodeB, bob, "ListUsers").status == 200)

        // A detach on B reaches A the same way.
        #expect(await call(nodeB, root, "DetachUserPolicy", [("UserName", "bob"),
                                                             ("PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")]).status == 200)
        clock.advance(250)
        #expect(await call(nodeA, bob, "ListUsers").status == 403)
    }
}
