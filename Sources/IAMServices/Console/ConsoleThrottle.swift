import Synchronization

/// Counts failed console sign-ins per key (a user name in an account, or a client address) and
/// refuses further attempts for a while once a key failed too often. In memory, per node.
final class ConsoleThrottle: Sendable {
    let limit: Int
    let windowSeconds: Int64
    private let failures = Mutex([String: (count: Int, since: Int64)]())

    init(limit: Int, windowSeconds: Int64) {
        self.limit = limit
        self.windowSeconds = windowSeconds
    }

    func isBlocked(_ key: String, now: Int64) -> Bool {
        failures.withLock { table in
            guard let entry = table[key] else { return false }
            if now - entry.since > windowSeconds {
                table[key] = nil
                return false
            }
            return entry.count >= limit
        }
    }

    func recordFailure(_ key: String, now: Int64) {
        failures.withLock { table in
            if table.count > 100_000 { table = table.filter { now - $0.value.since <= windowSeconds } }
            let entry = table[key].flatMap { now - $0.since <= windowSeconds ? $0 : nil } ?? (count: 0, since: now)
            table[key] = (entry.count + 1, entry.since)
        }
    }

    func clear(_ key: String) {
        failures.withLock { table in table[key] = nil }
    }
}
