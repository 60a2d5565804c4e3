import Foundation
public import IAMStorage
public import Logging
import Synchronization

/// Keeps requests fast while every call is recorded: `record` only appends to an in-memory buffer;
/// a background task writes the buffer as one batch 150 ms after the first event arrives, or at
/// once when 100 events are waiting. `drain()` (server shutdown) writes what is left and waits for
/// writes in flight. A batch whose write fails, or that is still buffered when the process dies, is
/// lost: the audit trail is best effort, never a reason to fail or slow a request.
public final class AuditRecorder: Sendable {
    static let batchSize = 100
    static let delay: Duration = .milliseconds(150)
    /// Past this many waiting events (the database is down), the oldest are dropped.
    static let maximumBuffered = 50_000
    /// Events are kept 90 days, as CloudTrail's event history (LookupEvents) keeps them; older ones are
    /// deleted at most once an hour per node, after a batch is written.
    static let retentionMillis: Int64 = 90 * 86_400_000
    static let pruneIntervalMillis: Int64 = 3_600_000

    struct State {
        var buffer: [AuditEvent] = []
        var scheduled = false
        var writing = 0
        var lastSequence: Int64 = 0
        var dropped = 0
        var lastPruned: Int64 = 0
    }

    let store: any AuditRepository
    let logger: Logger
    private let state = Mutex(State())

    public init(store: any AuditRepository, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Milliseconds since 1970 for an event at `seconds` (the request's clock): the wall clock's
    /// milliseconds when they agree within two seconds, else the second itself (an injected clock).
    static func millis(atSecond seconds: Int64) -> Int64 {
        let real = Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down))
        return abs(real / 1_000 - seconds) <= 2 ? real : seconds * 1_000
    }

    func record(_ event: AuditEvent) {
        let micros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
        let (schedule, now) = state.withLock { state -> (Bool, Bool) in
            if state.buffer.count >= Self.maximumBuffered {
                state.buffer.removeFirst()
                state.dropped += 1
            }
            state.lastSequence = max(state.lastSequence + 1, micros)
            var stamped = event
            stamped.sequence = state.lastSequence
            state.buffer.append(stamped)
            let full = state.buffer.count >= Self.batchSize
            defer { state.scheduled = true }
            return (!state.scheduled || full, full)
        }
        guard schedule else { return }
        Task.detached { [self] in
            if !now { try? await Task.sleep(for: Self.delay) }
            await flush()
        }
    }

    /// Writes everything buffered as one batch.
    func flush() async {
        let batch = state.withLock { state -> [AuditEvent] in
            let taken = state.buffer
            state.buffer.removeAll(keepingCapacity: true)
            state.scheduled = false
            if !taken.isEmpty { state.writing += 1 }
            return taken
        }
        guard !batch.isEmpty else { return }
        do {
            try await store.appendAuditEvents(batch.map { $0.record() })
        } catch {
            logger.error("audit batch lost", metadata: ["events": "\(batch.count)", "error": "\(error)"])
        }
        let dropped = state.withLock { state -> Int in
            state.writing -= 1
            defer { state.dropped = 0 }
            return state.dropped
        }
        if dropped > 0 { logger.error("audit events dropped (buffer full)", metadata: ["events": "\(dropped)"]) }
        await pruneIfDue(nowMillis: Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down)))
    }

    /// Deletes events past the retention period, at most once per `pruneIntervalMillis`.
    func pruneIfDue(nowMillis: Int64) async {
        let due = state.withLock { state -> Bool in
            guard nowMillis - state.lastPruned >= Self.pruneIntervalMillis else { return false }
            state.lastPruned = nowMillis
            return true
        }
        guard due else { return }
        do {
            try await store.pruneAuditEvents(before: nowMillis - Self.retentionMillis)
        } catch {
            logger.error("audit retention failed", metadata: ["error": "\(error)"])
        }
    }

    /// Writes every buffered event and waits for writes in flight (at most `timeout`).
    public func drain(timeout: Duration = .seconds(5)) async {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            await flush()
            if state.withLock({ $0.buffer.isEmpty && $0.writing == 0 }) { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
