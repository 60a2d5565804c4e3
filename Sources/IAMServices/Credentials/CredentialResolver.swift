import IAMModel
import IAMStorage
import Synchronization

/// Finds the secret and the identity behind an access key id (long-term `AKIA...` or STS
/// `ASIA...` with its session token). Decrypted secrets are cached in memory per generation.
final class CredentialResolver: Sendable {
    struct Resolved: Sendable {
        var secretAccessKey: String
        var caller: Caller
        /// For session credentials: the stored hash of the token.
        var tokenHash: [UInt8]?
        var expiresAt: Int64?
    }

    private struct State {
        var generation = 0
        var entries: [String: Resolved] = [:]
        var lastRecorded: [String: Int64] = [:]
    }

    private let store: any IAMStore
    private let box: SecretBox
    private let state = Mutex(State())

    init(store: any IAMStore, box: SecretBox) {
        self.store = store
        self.box = box
    }

    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }

    func resolve(accessKeyID: String, sessionToken: String?, now: Int64) async throws -> Resolved {
        let (cached, generation) = state.withLock { ($0.entries[accessKeyID], $0.generation) }
        let resolved: Resolved
        if let cached {
            resolved = cached
        } else {
            resolved = try await load(accessKeyID)
            state.withLock { state in
                if state.generation == generation { state.entries[accessKeyID] = resolved }
            }
        }
        if let hash = resolved.tokenHash {
            guard let sessionToken, SecretBox.constantTimeEquals(SecretBox.tokenHash(sessionToken), hash) else {
                throw AWSServiceError.invalidClientTokenID()
            }
            if let expires = resolved.expiresAt, expires <= now { throw AWSServiceError.expiredToken() }
        } else if sessionToken != nil {
            // A session token with a long-term key: not a valid pair.
            throw AWSServiceError.invalidClientTokenID()
        }
        return resolved
    }

    /// The assumed-role or federated-user identity of a stored session (nil for GetSessionToken's).
    private func sessionIdentity(_ session: IAMSessionCredential) async throws -> SessionIdentity? {
        let kind: SessionIdentity.Kind
        switch session.kind {
        case "federated-user":
            kind = .federatedUser
        case "assumed-role":
            guard let roleID = session.roleID, let role = try await roleLookup(roleID) else {
                throw AWSServiceError.invalidClientTokenID()
            }
            kind = .assumedRole(roleID: roleID, roleName: role.name, rolePath: role.path)
        default:
            return nil
        }
        var identity = SessionIdentity(kind: kind, name: session.sessionName ?? "")
        SessionContext.read(session.context)?.apply(to: &identity)
        if let roleID = session.roleID { identity.roleTags = try await roleLookup(roleID)?.tags ?? [] }
        return identity
    }

    /// A role's name, path and tags by id.
    private func roleLookup(_ roleID: String) async throws -> IAMRole? {
        try await store.role(id: roleID)
    }

    /// `RoleLastUsed`, at most once a minute per role.
    func recordRoleUse(_ caller: Caller, at time: Int64, region: String) async {
        guard let assumed = caller.assumed, case .assumedRole(let roleID, _, _) = assumed.kind else { return }
        let due = state.withLock { state -> Bool in
            if let last = state.lastRecorded[roleID], time - last < 60 { return false }
            state.lastRecorded[roleID] = time
            return true
        }
        if due { try? await store.recordRoleUse(roleID: roleID, at: time, region: region) }
    }

    private func load(_ accessKeyID: String) async throws -> Resolved {
        if accessKeyID.hasPrefix("ASIA") {
            guard let session = try await store.session(accessKeyID: accessKeyID) else { throw AWSServiceError.invalidClientTokenID() }
            let user = try await session.userID.asyncMap { try await store.user(id: $0) } ?? nil
            if session.userID != nil && user == nil { throw AWSServiceError.invalidClientTokenID() }
            let secret = try box.open(session.sealedSecret, boundTo: accessKeyID)
            var caller = Caller(accountID: session.accountID, user: user, accessKeyID: accessKeyID,
                                session: .init(issuedAt: session.issuedAt, expiresAt: session.expiresAt,
                                               mfaAuthenticatedAt: session.mfaAuthenticatedAt))
            caller.assumed = try await sessionIdentity(session)
            return Resolved(secretAccessKey: secret, caller: caller, tokenHash: session.tokenHash, expiresAt: session.expiresAt)
        }
        guard let key = try await store.accessKey(id: accessKeyID), key.status == .active else {
            throw AWSServiceError.invalidClientTokenID()
        }
        let user = try await key.userID.asyncMap { try await store.user(id: $0) } ?? nil
        if key.userID != nil && user == nil { throw AWSServiceError.invalidClientTokenID() }
        let secret = try box.open(key.sealedSecret, boundTo: key.id)
        return Resolved(secretAccessKey: secret, caller: Caller(accountID: key.accountID, user: user, accessKeyID: key.id))
    }

    /// Records when a long-term key was last used, at most once a minute per key.
    func recordUse(accessKeyID: String, at time: Int64, service: String, region: String) async {
        guard accessKeyID.hasPrefix("AKIA") else { return }
        let due = state.withLock { state -> Bool in
            if let last = state.lastRecorded[accessKeyID], time - last < 60 { return false }
            state.lastRecorded[accessKeyID] = time
            return true
        }
        if due { try? await store.recordAccessKeyUse(id: accessKeyID, at: time, service: service, region: region) }
    }
}
