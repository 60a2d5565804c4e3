/// Where a store's transactions run: SQLite through GRDB, or PostgreSQL.
protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// A write transaction; a UNIQUE or PRIMARY KEY violation becomes `StorageError.conflict(conflictKey)`.
    /// `isolation` matters on PostgreSQL only (SQLite has one writer at a time).
    func write<T: Sendable>(conflictKey: String, isolation: SQLIsolation,
                            _ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    func close() async
}

/// How a write transaction is isolated from concurrent ones on PostgreSQL.
enum SQLIsolation: Sendable {
    /// The default: the body sees one snapshot and commits only if no concurrent transaction changed what it
    /// read (count-then-insert checks are safe); collisions re-run the body.
    case serializable
    /// For bodies whose statements are each atomic on their own (`UPDATE ... SET n = n + 1`, an upsert) and need
    /// no common snapshot: rows are locked, not re-run, so a hot counter row does not turn every concurrent
    /// write into a serialization failure.
    case readCommitted
}

public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}
