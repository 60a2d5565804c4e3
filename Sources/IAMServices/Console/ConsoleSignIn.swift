import Crypto
import Foundation
public import IAMModel
public import IAMStorage
import Synchronization

/// Web console sign-in: account and password, then the MFA code when the user has a device,
/// then a forced password change when the password must be reset or has expired. Sessions are
/// stored (token hash only) with idle and absolute timeouts. Every failure gives one generic
/// message, and failures are throttled per user name and per client address.
public final class ConsoleSignIn: Sendable {
    public static let idleTimeoutSeconds: Int64 = 3_600
    public static let absoluteTimeoutSeconds: Int64 = 12 * 3_600
    public static let genericFailure = "Your authentication information is incorrect. Please try again."
    public static let throttledFailure = "Too many failed sign-in attempts. Wait a few minutes and try again."
    static let defaultRegion = "us-east-1"

    /// What a sign-in step produced.
    public enum Result: Sendable {
        /// A session (new or advanced) and, for a new one, the cookie token.
        case session(ConsoleSession, token: String?)
        case failed(String)
    }

    let store: any IAMStore
    let mfa: MFAVerifier
    let now: @Sendable () -> Int64
    let generation: ClusterGeneration
    let metrics: WardenMetrics
    /// Sign-in, MFA and sign-out events for the audit trail.
    let audit: AuditRecorder
    /// Failed sign-ins per user name and per client address, shared by every node (in the store).
    let perUser: FailureThrottle
    let perClient: FailureThrottle
    /// A bcrypt hash to check against when the user is unknown, so both cases take as long.
    private let decoy = Mutex<String?>(nil)

    init(store: any IAMStore, mfa: MFAVerifier, generation: ClusterGeneration, audit: AuditRecorder,
         now: @escaping @Sendable () -> Int64, metrics: WardenMetrics = .disabled) {
        self.store = store
        self.audit = audit
        self.mfa = mfa
        self.generation = generation
        self.now = now
        perUser = FailureThrottle(store: store, scope: "console-user", limit: 5, windowSeconds: 300)
        perClient = FailureThrottle(store: store, scope: "console-client", limit: 20, windowSeconds: 300)
        self.metrics = metrics
    }

    func decoyHash() async -> String {
        if let known = decoy.withLock({ $0 }) { return known }
        let made = await PasswordHasher.hash(ConsoleSignIn.randomHex(16))
        decoy.withLock { $0 = made }
        return made
    }

    /// The account for a 12-digit id or an alias.
    public func account(_ idOrAlias: String) async throws -> IAMAccount? {
        let wanted = idOrAlias.trimmingCharacters(in: .whitespaces).lowercased()
        return try await store.accounts().first { $0.id == wanted || $0.alias?.lowercased() == wanted }
    }

    /// Step 1: account, user name (nil for the root user) and password.
    public func signIn(account idOrAlias: String, userName: String?, password: String, clientIP: String,
                       userAgent: String? = nil) async throws -> Result {
        let time = now()
        let client = ConsoleClientFacts(sourceIP: clientIP, userAgent: userAgent)
        let userKey = "\(idOrAlias.lowercased())|\((userName ?? "<root>").lowercased())"
        let clientKey = clientIP
        let found = try await account(idOrAlias)
        var blocked = try await perUser.isBlocked(userKey, now: time)
        if !blocked { blocked = try await perClient.isBlocked(clientKey, now: time) }
        if blocked {
            metrics.recordSignInFailure(.throttled, stage: .password)
            audit.consoleLogin(accountID: found?.id ?? "", user: nil, root: userName == nil, success: false, mfaUsed: false,
                               client: client, at: time)
            return .failed(Self.throttledFailure)
        }
        var user: IAMUser?
        var hash: String?
        if let found {
            if let userName {
                user = try await store.user(accountID: found.id, name: userName)
                if let user { hash = try await store.loginProfile(userID: user.id)?.passwordHash }
            } else {
                hash = try await store.rootPasswordHash(accountID: found.id)
            }
        }
        let checked: String
        if let hash { checked = hash } else { checked = await decoyHash() }
        let verified = await PasswordHasher.verify(password, hash: checked)
        guard let found, let hash, !hash.isEmpty, verified, userName == nil || user != nil else {
            try await perUser.recordFailure(userKey, now: time)
            try await perClient.recordFailure(clientKey, now: time)
            metrics.recordSignInFailure(.invalid, stage: .password)
            audit.consoleLogin(accountID: found?.id ?? "", user: user, root: userName == nil, success: false, mfaUsed: false,
                               client: client, at: time)
            return .failed(Self.genericFailure)
        }
        try await perUser.clear(userKey)
        var stage = ConsoleSession.Stage.active
        if let user {
            if try await enabledDevice(userID: user.id) != nil {
                stage = .mfa
            } else {
                switch try await passwordState(user) {
                case .valid: break
                case .mustChange: stage = .password
                case .hardExpired:
                    metrics.recordSignInFailure(.expired, stage: .password)
                    audit.consoleLogin(accountID: found.id, user: user, root: false, success: false, mfaUsed: false,
                                       client: client, at: time)
                    return .failed("Your password has expired. Contact your administrator to reset it.")
                }
            }
        }
        let token = Self.randomHex(32)
        let session = ConsoleSession(tokenHash: Self.hash(token), accountID: found.id, userID: user?.id, stage: stage,
                                     csrfToken: Self.randomHex(32), createdAt: time, lastSeenAt: time,
                                     mfaAuthenticatedAt: nil, region: Self.defaultRegion)
        try await store.createConsoleSession(session)
        if stage != .mfa {
            try await recordPasswordUse(session)
            audit.consoleLogin(accountID: found.id, user: user, root: user == nil, success: true, mfaUsed: false,
                               client: client, at: time)
        }
        return .session(session, token: token)
    }

    /// Step 2: the MFA code. A wrong code keeps the session waiting (and counts as a failure).
    public func verifyMFA(_ session: ConsoleSession, code: String, clientIP: String,
                          userAgent: String? = nil) async throws -> Result {
        guard session.stage == .mfa, let userID = session.userID, let user = try await store.user(id: userID) else {
            return .failed(Self.genericFailure)
        }
        let time = now()
        let client = ConsoleClientFacts(sourceIP: clientIP, userAgent: userAgent)
        func failed(_ message: String) -> Result {
            audit.consoleLogin(accountID: session.accountID, user: user, root: false, success: false, mfaUsed: true,
                               client: client, at: time)
            return .failed(message)
        }
        let clientKey = clientIP
        guard try await !perClient.isBlocked(clientKey, now: time), let device = try await enabledDevice(userID: userID) else {
            metrics.recordSignInFailure(.throttled, stage: .mfa)
            return failed(Self.throttledFailure)
        }
        let accepted: Bool
        do {
            accepted = try await mfa.verify(device, code: code.trimmingCharacters(in: .whitespaces), userID: userID, now: time,
                                            source: .console)
        } catch let error as AWSServiceError where error.code == "LimitExceeded" {
            metrics.recordSignInFailure(.throttled, stage: .mfa)
            return failed(Self.throttledFailure)
        }
        guard accepted else {
            try await perClient.recordFailure(clientKey, now: time)
            metrics.recordSignInFailure(.invalid, stage: .mfa)
            return failed(Self.genericFailure)
        }
        var advanced = session
        advanced.mfaAuthenticatedAt = time
        advanced.lastSeenAt = time
        switch try await passwordState(user) {
        case .valid: advanced.stage = .active
        case .mustChange: advanced.stage = .password
        case .hardExpired:
            metrics.recordSignInFailure(.expired, stage: .mfa)
            try await store.deleteConsoleSession(tokenHash: session.tokenHash)
            return failed("Your password has expired. Contact your administrator to reset it.")
        }
        try await store.updateConsoleSession(advanced)
        try await recordPasswordUse(advanced)
        audit.consoleLogin(accountID: session.accountID, user: user, root: false, success: true, mfaUsed: true, client: client,
                           at: time)
        return .session(advanced, token: nil)
    }

    /// After the forced password change succeeded (through the gate, as ChangePassword).
    public func completePasswordChange(_ session: ConsoleSession) async throws -> ConsoleSession {
        var advanced = session
        advanced.stage = .active
        advanced.lastSeenAt = now()
        try await store.updateConsoleSession(advanced)
        return advanced
    }

    /// The live session for a cookie token, touched; nil when unknown, idle too long or too old.
    public func session(token: String) async throws -> ConsoleSession? {
        guard token.utf8.count == 64 else { return nil }
        let hashed = Self.hash(token)
        guard var session = try await store.consoleSession(tokenHash: hashed) else { return nil }
        let time = now()
        if time - session.lastSeenAt > Self.idleTimeoutSeconds || time - session.createdAt > Self.absoluteTimeoutSeconds {
            try await store.deleteConsoleSession(tokenHash: hashed)
            return nil
        }
        if time - session.lastSeenAt >= 30 {
            session.lastSeenAt = time
            try await store.updateConsoleSession(session)
        }
        return session
    }

    public func setRegion(_ session: ConsoleSession, _ region: String) async throws {
        var changed = session
        changed.region = region
        try await store.updateConsoleSession(changed)
    }

    public func signOut(_ session: ConsoleSession, client: ConsoleClientFacts? = nil) async throws {
        try await store.deleteConsoleSession(tokenHash: session.tokenHash)
        let time = now()
        if let client, let caller = try await caller(for: session) { audit.consoleLogout(caller, client: client, at: time) }
        try await store.deleteStaleConsoleSessions(idleBefore: time - Self.idleTimeoutSeconds,
                                                   createdBefore: time - Self.absoluteTimeoutSeconds)
    }

    /// The caller every console action is authorized as: the user (or root) with a console
    /// session carrying the sign-in's MFA facts.
    public func caller(for session: ConsoleSession) async throws -> Caller? {
        var user: IAMUser?
        if let userID = session.userID {
            guard let found = try await store.user(id: userID) else { return nil }
            user = found
        }
        let facts = Caller.Session(issuedAt: session.createdAt, expiresAt: session.createdAt + Self.absoluteTimeoutSeconds,
                                   mfaAuthenticatedAt: session.mfaAuthenticatedAt, origin: .console)
        return Caller(accountID: session.accountID, user: user, accessKeyID: "console", session: facts)
    }

    /// The account password policy, for the password pages.
    public func passwordPolicy(accountID: String) async throws -> IAMPasswordPolicy? {
        try await store.passwordPolicy(accountID: accountID)
    }

    enum PasswordState {
        case valid, mustChange, hardExpired
    }

    func passwordState(_ user: IAMUser) async throws -> PasswordState {
        guard let profile = try await store.loginProfile(userID: user.id) else { return .valid }
        if let policy = try await store.passwordPolicy(accountID: user.accountID), let days = policy.maxAgeDays,
           now() - profile.passwordChangedAt > Int64(days) * 86_400 {
            return policy.hardExpiry ? .hardExpired : .mustChange
        }
        return profile.passwordResetRequired ? .mustChange : .valid
    }

    func enabledDevice(userID: String) async throws -> IAMMFADevice? {
        try await store.mfaDevices(userID: userID).first { $0.enabledAt != nil }
    }

    func recordPasswordUse(_ session: ConsoleSession) async throws {
        if let userID = session.userID {
            try await store.recordPasswordUse(userID: userID, at: now())
            // PasswordLastUsed is part of the cached user, on every node.
            await generation.changed()
        } else {
            try await store.recordRootPasswordUse(accountID: session.accountID, at: now())
        }
    }

    static func randomHex(_ bytes: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &rng)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
    }

    /// The root user's console password (`warden root-password`), hashed like user passwords.
    public static func setRootPassword(_ password: String, accountID: String, store: any IAMStore, at time: Int64) async throws {
        try await store.setRootPassword(accountID: accountID, hash: await PasswordHasher.hash(password), at: time)
    }
}
