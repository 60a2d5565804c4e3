import Synchronization

/// Virtual MFA devices created by the assign wizard but not yet enabled, per console session, so
/// that the wizard can show the same QR code again after a wrong code. In memory only, for 15
/// minutes: the API returns a seed once, and the console does not keep it anywhere else.
final class PendingMFADevices: Sendable {
    struct Pending: Sendable {
        var serialNumber: String
        var base32Seed: String
        var qrPNGBase64: String
        var createdAt: Int64
    }

    static let lifetimeSeconds: Int64 = 900
    /// One per process: console sessions are per node for this wizard step.
    static let shared = PendingMFADevices()
    private let entries = Mutex([String: Pending]())

    func put(_ pending: Pending, session: String) {
        entries.withLock { table in
            table = table.filter { pending.createdAt - $0.value.createdAt < Self.lifetimeSeconds }
            table[session] = pending
        }
    }

    func get(session: String, serialNumber: String, now: Int64) -> Pending? {
        entries.withLock { table in
            guard let found = table[session], found.serialNumber == serialNumber,
                  now - found.createdAt < Self.lifetimeSeconds else { return nil }
            return found
        }
    }

    func remove(session: String) {
        entries.withLock { table in table[session] = nil }
    }
}
