public import IAMModel

/// State that every node serving one store must see (issue 9, several nodes). Time is always a
/// parameter, so callers (and tests) decide what "now" is.
public protocol ClusterRepository: Sendable {
    // MARK: Failure throttles

    /// Failures counted for `key` in a window that started at or after `windowStart`; 0 when the
    /// key has no window or its window started earlier (expired).
    func throttleFailures(key: String, windowStart: Int64) async throws -> Int
    /// Counts one failure for `key` in one statement: starts a new window at `time` when there is
    /// none or it started before `time - windowSeconds`, otherwise adds one to it. Returns the count.
    @discardableResult
    func recordThrottleFailure(key: String, at time: Int64, windowSeconds: Int64) async throws -> Int
    func clearThrottle(key: String) async throws

    // MARK: The console MFA wizard

    /// Saves the session's pending device (one per session, replacing an earlier one) and drops
    /// pending devices created before `expiredBefore`.
    func putPendingMFADevice(_ device: PendingMFADevice, expiredBefore: Int64) async throws
    /// The session's pending device when it has `serialNumber` and was created at or after `createdSince`.
    func pendingMFADevice(sessionHash: String, serialNumber: String, createdSince: Int64) async throws -> PendingMFADevice?
    func deletePendingMFADevice(sessionHash: String) async throws

    // MARK: Change generation

    /// The store-wide change generation: it grows whenever something cached by a node changed.
    func changeGeneration() async throws -> Int64
    /// Adds one to the change generation and returns the new value.
    @discardableResult
    func bumpChangeGeneration() async throws -> Int64
}
