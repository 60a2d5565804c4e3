import IAMStorage

/// Counts failures per key (a user name in an account, a client address, a user's MFA device)
/// and refuses further attempts for a while once a key failed too often. The counters live in
/// the store, so every node serving it sees the same ones; each failure is one atomic statement.
struct FailureThrottle: Sendable {
    let store: any IAMStore
    /// Keeps the keys of different throttles apart (`console-user`, `console-client`, `mfa`).
    let scope: String
    let limit: Int
    let windowSeconds: Int64

    func key(_ name: String) -> String { scope + "|" + name }

    /// True when `name` failed `limit` times in a window that has not ended at `now`.
    func isBlocked(_ name: String, now: Int64) async throws -> Bool {
        try await store.throttleFailures(key: key(name), windowStart: now - windowSeconds) >= limit
    }

    func recordFailure(_ name: String, now: Int64) async throws {
        try await store.recordThrottleFailure(key: key(name), at: now, windowSeconds: windowSeconds)
    }

    func clear(_ name: String) async throws {
        try await store.clearThrottle(key: key(name))
    }
}
