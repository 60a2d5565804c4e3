import IAMModel
import IAMOTP
import IAMStorage
import Synchronization

/// Checks TOTP codes for virtual MFA devices (iam-facts §8.1): ±1 step around the device's
/// learned drift at sign-in and GetSessionToken, a wider search for two consecutive codes at
/// enable/resync; a step once accepted is never accepted again (replay); repeated failures per
/// user and device are throttled.
final class MFAVerifier: Sendable {
    static let signInWindow: Int64 = 1
    static let enableWindow: Int64 = 10
    static let maximumFailures = 5
    static let failureWindowSeconds: Int64 = 300

    private let store: any IAMStore
    private let box: SecretBox
    let metrics: WardenMetrics
    private let failures = Mutex([String: (count: Int, since: Int64)]())

    init(store: any IAMStore, box: SecretBox, metrics: WardenMetrics = .disabled) {
        self.store = store
        self.box = box
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
    func checkThrottle(_ key: String, now: Int64, source: WardenMetrics.MFASource) throws {
        let blocked = failures.withLock { table -> Bool in
            guard let entry = table[key] else { return false }
            if now - entry.since > Self.failureWindowSeconds {
                table[key] = nil
                return false
            }
            return entry.count >= Self.maximumFailures
        }
        if blocked {
            metrics.recordMFAFailure(.throttled, source: source)
            throw AWSServiceError.limitExceeded("Too many invalid authentication codes for this device. Wait a few minutes and try again.")
        }
    }

    func recordFailure(_ key: String, now: Int64) {
        failures.withLock { table in
            let entry: (count: Int, since: Int64) = table[key].flatMap { now - $0.since <= Self.failureWindowSeconds ? $0 : nil } ?? (count: 0, since: now)
            table[key] = (entry.count + 1, entry.since)
        }
    }

    func clearFailures(_ key: String) {
        failures.withLock { table in table[key] = nil }
    }

    /// Enable/Resync: two consecutive codes; returns the step of the second code and the drift.
    func consecutive(_ device: IAMMFADevice, _ code1: String, _ code2: String, userID: String, now: Int64) throws -> (step: Int64, drift: Int64) {
        let key = userID + "|" + device.serialNumber
        try checkThrottle(key, now: now, source: .api)
        let current = TOTP.step(at: now)
        guard Self.isCode(code1), Self.isCode(code2),
              let step = try totp(for: device).consecutiveStep(code1, code2, around: current, window: Self.enableWindow),
              step > (device.lastUsedStep ?? Int64.min) else {
            recordFailure(key, now: now)
            metrics.recordMFAFailure(.invalidCode, source: .api)
            throw AWSServiceError("InvalidAuthenticationCode", "Authentication code for device is not valid.", status: 403)
        }
        clearFailures(key)
        return (step, step - current)
    }

    /// Sign-in and GetSessionToken: one code, ±1 step around the learned drift, never replayed.
    func verify(_ device: IAMMFADevice, code: String, userID: String, now: Int64,
                source: WardenMetrics.MFASource) async throws -> Bool {
        let key = userID + "|" + device.serialNumber
        try checkThrottle(key, now: now, source: source)
        let center = TOTP.step(at: now) + device.driftSteps
        guard Self.isCode(code), let step = try totp(for: device).matchingStep(code, around: center, window: Self.signInWindow),
              try await store.consumeMFAStep(serialNumber: device.serialNumber, step: step) else {
            recordFailure(key, now: now)
            metrics.recordMFAFailure(.invalidCode, source: source)
            return false
        }
        clearFailures(key)
        return true
    }
}
