import IAMModel
import IAMStorage

/// Virtual MFA devices created by the console's assign wizard but not yet enabled, per console
/// session, so that the wizard can show the same QR code again after a wrong code, on any node.
/// Kept in the store for 15 minutes, the seed and QR code sealed under the master key: the API
/// returns a seed once, and the console does not keep it anywhere else.
public struct PendingMFADevices: Sendable {
    /// A pending device, opened.
    public struct Pending: Sendable {
        public var serialNumber: String
        public var base32Seed: String
        public var qrPNGBase64: String
        public var createdAt: Int64

        public init(serialNumber: String, base32Seed: String, qrPNGBase64: String, createdAt: Int64) {
            self.serialNumber = serialNumber
            self.base32Seed = base32Seed
            self.qrPNGBase64 = qrPNGBase64
            self.createdAt = createdAt
        }
    }

    public static let lifetimeSeconds: Int64 = 900

    let store: any IAMStore
    let box: SecretBox

    /// Keeps `pending` for the session (token hash), replacing an earlier one.
    public func put(_ pending: Pending, session: String) async throws {
        let owner = Self.owner(session: session, serialNumber: pending.serialNumber)
        let sealed = PendingMFADevice(sessionHash: session, serialNumber: pending.serialNumber,
                                      sealedSeed: try box.seal(pending.base32Seed, boundTo: owner),
                                      sealedQRCodePNG: try box.seal(pending.qrPNGBase64, boundTo: owner + "|qr"),
                                      createdAt: pending.createdAt)
        try await store.putPendingMFADevice(sealed, expiredBefore: pending.createdAt - Self.lifetimeSeconds + 1)
    }

    /// The session's pending device with `serialNumber`, if it is younger than the lifetime at `now`.
    public func get(session: String, serialNumber: String, now: Int64) async throws -> Pending? {
        guard let found = try await store.pendingMFADevice(sessionHash: session, serialNumber: serialNumber,
                                                           createdSince: now - Self.lifetimeSeconds + 1) else { return nil }
        let owner = Self.owner(session: session, serialNumber: found.serialNumber)
        return Pending(serialNumber: found.serialNumber, base32Seed: try box.open(found.sealedSeed, boundTo: owner),
                       qrPNGBase64: try box.open(found.sealedQRCodePNG, boundTo: owner + "|qr"), createdAt: found.createdAt)
    }

    public func remove(session: String) async throws {
        try await store.deletePendingMFADevice(sessionHash: session)
    }

    /// What a sealed value is bound to: moving it to another session or device fails to open.
    static func owner(session: String, serialNumber: String) -> String { "pending-mfa|" + session + "|" + serialNumber }
}
