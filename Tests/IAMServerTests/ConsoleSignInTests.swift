import AWSQuery
import IAMModel
import IAMPolicyCatalog
import IAMServices
import IAMStorage
import Logging
import Synchronization
import Testing

/// Console sign-in against a real (in-memory) store with a clock the test moves: idle and
/// absolute session timeouts, password expiry, throttling.
@Suite("Console sign-in")
struct ConsoleSignInTests {
    final class Clock: Sendable {
        let time = Mutex<Int64>(1_800_000_000)
        var now: Int64 { time.withLock { $0 } }
        func advance(_ seconds: Int64) { time.withLock { $0 += seconds } }
    }

    struct Fixture {
        let api: WardenAPI
        let clock: Clock
        let accountID: String
        let root: Caller

        init() async throws {
            let clock = Clock()
            let store = try SQLStorage()
            let box = try #require(SecretBox(keyBytes: SecretBox.generateKeyBytes()))
            let api = WardenAPI(store: store, box: box, catalog: try ManagedPolicyCatalog.shared(), now: { clock.now },
                                logger: Logger(label: "test"))
            let account = try await AccountBootstrap.ensureAccount(store: store, box: box, now: clock.now)
            self.api = api
            self.clock = clock
            accountID = account.accountID
            root = Caller(accountID: account.accountID, user: nil, accessKeyID: account.accessKeyID)
        }

        @discardableResult
        func iam(_ action: String, _ parameters: [(String, String)]) async -> WardenAPI.Response {
            await api.handle(service: .iam, parameters: QueryParameters([("Action", action)] + parameters), caller: root,
                             facts: RequestFacts(time: clock.now, sourceIP: "127.0.0.1", secureTransport: false,
                                                 region: "us-east-1"), requestID: "test")
        }

        func user(_ name: String, password: String = "Passw0rd-Test") async {
            await iam("CreateUser", [("UserName", name)])
            await iam("CreateLoginProfile", [("UserName", name), ("Password", password)])
        }

        func signIn(_ name: String, password: String = "Passw0rd-Test", from ip: String = "192.0.2.1") async throws
            -> ConsoleSignIn.Result {
            try await api.console.signIn(account: accountID, userName: name, password: password, clientIP: ip)
        }
    }

    static func token(_ result: ConsoleSignIn.Result) -> (ConsoleSession, String)? {
        if case .session(let session, let token?) = result { return (session, token) }
        return nil
    }

    @Test("an idle session ends after an hour; activity keeps it alive up to 12 hours")
    func timeouts() async throws {
        let fixture = try await Fixture()
        await fixture.user("alice")
        let (session, token) = try #require(Self.token(try await fixture.signIn("alice")))
        #expect(session.stage == .active)
        fixture.clock.advance(3_500)
        #expect(try await fixture.api.console.session(token: token) != nil)
        fixture.clock.advance(3_601)
        #expect(try await fixture.api.console.session(token: token) == nil)

        let (_, busy) = try #require(Self.token(try await fixture.signIn("alice")))
        for _ in 0..<23 {
            fixture.clock.advance(1_800)
            #expect(try await fixture.api.console.session(token: busy) != nil)
        }
        fixture.clock.advance(1_801)
        #expect(try await fixture.api.console.session(token: busy) == nil)
        #expect(try await fixture.api.console.session(token: "not-a-token") == nil)
    }

    @Test("an expired password forces a change, or refuses sign-in with hard expiry")
    func expiry() async throws {
        let fixture = try await Fixture()
        await fixture.user("bob")
        await fixture.iam("UpdateAccountPasswordPolicy", [("MaxPasswordAge", "1")])
        #expect(Self.token(try await fixture.signIn("bob"))?.0.stage == .active)
        fixture.clock.advance(2 * 86_400)
        #expect(Self.token(try await fixture.signIn("bob"))?.0.stage == .password)
        await fixture.iam("UpdateAccountPasswordPolicy", [("MaxPasswordAge", "1"), ("HardExpiry", "true")])
        guard case .failed(let message) = try await fixture.signIn("bob") else {
            Issue.record("a hard-expired password signed in")
            return
        }
        #expect(message.contains("expired"))
    }

    @Test("failures are throttled per user name and per client, with the generic message otherwise")
    func throttling() async throws {
        let fixture = try await Fixture()
        await fixture.user("carol")
        for _ in 0..<5 {
            guard case .failed(let message) = try await fixture.signIn("carol", password: "wrong") else {
                Issue.record("a wrong password signed in")
                return
            }
            #expect(message == ConsoleSignIn.genericFailure)
        }
        guard case .failed(let blocked) = try await fixture.signIn("carol") else {
            Issue.record("a throttled user signed in")
            return
        }
        #expect(blocked == ConsoleSignIn.throttledFailure)
        // After the window, the right password works again.
        fixture.clock.advance(301)
        #expect(Self.token(try await fixture.signIn("carol")) != nil)
        // One client failing for many names is stopped too.
        for index in 0..<20 { _ = try await fixture.signIn("nobody\(index)", from: "198.51.100.7") }
        guard case .failed(let perClient) = try await fixture.signIn("carol", from: "198.51.100.7") else {
            Issue.record("a throttled client signed in")
            return
        }
        #expect(perClient == ConsoleSignIn.throttledFailure)
        #expect(Self.token(try await fixture.signIn("carol", from: "198.51.100.8")) != nil)
    }

    @Test("console sessions carry MFA facts into the gate, and are not GetSessionToken sessions")
    func callerFacts() async throws {
        let fixture = try await Fixture()
        await fixture.user("dave")
        let (session, _) = try #require(Self.token(try await fixture.signIn("dave")))
        let caller = try #require(try await fixture.api.console.caller(for: session))
        #expect(caller.session?.origin == .console)
        #expect(caller.session?.mfaAuthenticatedAt == nil)
        #expect(caller.user?.name == "dave")
    }
}
