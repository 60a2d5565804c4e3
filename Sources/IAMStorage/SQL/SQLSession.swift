/// One connection inside one transaction (a store body): the few calls the repositories make.
/// SQL is written once in the subset SQLite and PostgreSQL share, with `?` placeholders.
public protocol SQLSession {
    func execute(sql: String, arguments: SQLArguments) throws
    func fetchRows(sql: String, arguments: SQLArguments) throws -> [SQLRow]
    /// Rows changed by the last `execute`.
    var changesCount: Int { get }
}

extension SQLSession {
    public func execute(sql: String) throws {
        try execute(sql: sql, arguments: [])
    }
}

/// Where a store's transactions run: SQLite through GRDB, or PostgreSQL.
protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// A write transaction; a UNIQUE or PRIMARY KEY violation becomes `StorageError.conflict(conflictKey)`.
    func write<T: Sendable>(conflictKey: String, _ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    func close() async
}

public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}
