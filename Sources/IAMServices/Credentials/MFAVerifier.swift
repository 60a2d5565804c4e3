import IAMModel
import IAMOTP
import IAMStorage

/// Checks TOTP codes for virtual MFA devices (iam-facts §8.1): ±1 step around the device's
/// learned drift at sign-in and GetSessionToken, a wider search for two consecutive codes at
/// enable/resync; a step once accepted is never accepted again (replay, in the store); repeated
/// failures per user and device are throttled (counted in the store, so on every node).
final class MFAVerifier: Sendable {
    static let signInWindow: Int64 = 1
    static let enableWindow: Int64 = 10
    static let maximumFailures = 5
    static let failureWindowSeconds: Int64 = 300

    private let store: any IAMStore
    private let box: SecretBox
    private let failures: FailureThrottle
    let metrics: WardenMetrics

    init(store: any IAMStore, box: SecretBox, metrics: WardenMetrics = .disabled) {
        self.store = store
        self.box = box
        failures = FailureThrottle(store: store, scope: "mfa", limit: Self.maximumFailures,
                                   windowSeconds: Self.failureWindowSeconds)
        self.metrics = metrics
    }

    static func isCode(_ text: String) -> Bool {
        text.utf8.count == 6 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    func totp(for device: IAMMFADevice) throws -> TOTP {
        let seed = try box.open(device.sealedSeed, boundTo: device.serialNumber)
        guard let secret = Base32.decode(seed) else { throw AWSServiceError.serviceFailure("An MFA seed could not be read.") }
        return TOTP(secret: secret)
    }

    /// Throws a throttling error when `key` failed too often recently.
    func checkThrottle(_ key: String, now: Int64, source: WardenMetrics.MFASource) async throws {
        if try await failures.isBlocked(key, now: now) {
            metrics.recordMFAFailure(.throttled, source: source)
            throw AWSServiceError.limitExceeded("Too many invalid authentication codes for this device. Wait a few minutes and try again.")
        }
    }


    /// Enable/Resync: two consecutive codes; returns the step of the second code and the drift.
    func consecutive(_ device: IAMMFADevice, _ code1: String, _ code2: String, userID: String, now: Int64) async throws -> (step: Int64, drift: Int64) {
        let key = userID + "|" + device.serialNumber
        try await checkThrottle(key, now: now, source: .api)
        let current = TOTP.step(at: now)
        guard Self.isCode(code1), Self.isCode(code2),
              let step = try totp(for: device).consecutiveStep(code1, code2, around: current, window: Self.enableWindow),
              step > (device.lastUsedStep ?? Int64.min) else {
            try await failures.recordFailure(key, now: now)
            metrics.recordMFAFailure(.invalidCode, source: .api)
            throw AWSServiceError("InvalidAuthenticationCode", "Authentication code for device is not valid.", status: 403)
        }
        try await failures.clear(key)
        return (step, step - current)
    }

    /// Sign-in and GetSessionToken: one code, ±1 step around the learned drift, never replayed.
    func verify(_ device: IAMMFADevice, code: String, userID: String, now: Int64,
                source: WardenMetrics.MFASource) async throws -> Bool {
        let key = userID + "|" + device.serialNumber
        try await checkThrottle(key, now: now, source: source)
        let center = TOTP.step(at: now) + device.driftSteps
        guard Self.isCode(code), let step = try totp(for: device).matchingStep(code, around: center, window: Self.signInWindow),
              try await store.consumeMFAStep(serialNumber: device.serialNumber, step: step) else {
            try await failures.recordFailure(key, now: now)
            metrics.recordMFAFailure(.invalidCode, source: source)
            return false
        }
        try await failures.clear(key)
        return true
    }
}
