public import IAMModel

/// The audit trail: CloudTrail-shaped events, appended in batches, read newest first.
public protocol AuditRepository: Sendable {
    /// Appends events in one transaction; an event id already stored is skipped.
    func appendAuditEvents(_ events: [IAMAuditRecord]) async throws
    /// Events matching every filter, newest first, at most `query.maxResults`, and the cursor of the
    /// next page (nil when there is none).
    func auditEvents(_ query: IAMAuditQuery) async throws -> (events: [IAMAuditRecord], next: IAMAuditQuery.Cursor?)
    /// Deletes the events older than `millis` (retention); returns how many went.
    @discardableResult
    func pruneAuditEvents(before millis: Int64) async throws -> Int
}
