/// A virtual MFA device the console's assign wizard created but has not enabled yet, kept per
/// console session (token hash) so that any node can show its QR code again and finish the
/// wizard. The seed and the QR code are sealed under the master key, like stored TOTP seeds.
public struct PendingMFADevice: Sendable, Hashable {
    public var sessionHash: String
    public var serialNumber: String
    public var sealedSeed: [UInt8]
    public var sealedQRCodePNG: [UInt8]
    public var createdAt: Int64

    public init(sessionHash: String, serialNumber: String, sealedSeed: [UInt8], sealedQRCodePNG: [UInt8], createdAt: Int64) {
        self.sessionHash = sessionHash
        self.serialNumber = serialNumber
        self.sealedSeed = sealedSeed
        self.sealedQRCodePNG = sealedQRCodePNG
        self.createdAt = createdAt
    }
}
