import Foundation
import GRDB

/// The embedded engine: SQLite through GRDB, WAL mode for files, or a private in-memory database.
final class SQLiteBackend: SQLBackend {
    let writer: any DatabaseWriter
    var dialect: SQLDialect { .sqlite }

    /// Opens (creating if needed) the database file and applies pending migrations.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(writer)
        } catch {
            throw StorageError.unavailable("cannot open the database at \(path): \(error)")
        }
    }

    /// A throw-away in-memory database.
    init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        do {
            writer = try DatabaseQueue(configuration: configuration)
            try Self.migrate(writer)
        } catch {
            throw StorageError.unavailable("cannot open an in-memory database: \(error)")
        }
    }

    static func migrate(_ writer: any DatabaseWriter) throws {
        var migrator = DatabaseMigrator()
        for migration in SQLiteMigrations.all {
            migrator.registerMigration(migration.id) { db in try db.execute(sql: migration.sql) }
        }
        try migrator.migrate(writer)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        do {
            return try await writer.read { db in try body(GRDBSession(db)) }
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.unavailable(Self.describe(error))
        }
    }

    func write<T: Sendable>(conflictKey: String, isolation: SQLIsolation, _ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        do {
            return try await writer.write { db in try body(GRDBSession(db)) }
        } catch let error as StorageError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            if error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StorageError.conflict(conflictKey)
            }
            throw StorageError.unavailable(Self.describe(error))
        } catch {
            throw StorageError.unavailable(Self.describe(error))
        }
    }

    /// What failed, like PostgreSQL's "message (SQLSTATE)": GRDB's own description quotes the statement,
    /// and SQL text never leaves storage.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "SQLite: \(type(of: error))" }
        return "SQLite: \(error.message ?? "error") (code \(error.extendedResultCode.rawValue))"
    }

    func close() async {}
}

/// A GRDB connection seen through `SQLSession`.
struct GRDBSession: SQLSession {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    var changesCount: Int { db.changesCount }

    func execute(sql: String, arguments: SQLArguments) throws {
        try arguments.checkStorable()
        try db.execute(sql: sql, arguments: Self.statementArguments(arguments))
    }

    func fetchRows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try arguments.checkStorable()
        let rows = try Row.fetchAll(db, sql: sql, arguments: Self.statementArguments(arguments))
        guard let first = rows.first else { return [] }
        let columns = Array(first.columnNames).map { $0.lowercased() }
        return rows.map { row in
            SQLRow(columns: columns, values: row.databaseValues.map(Self.value))
        }
    }

    static func statementArguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let integer): integer
            case .real(let real): real
            case .text(let text): text
            case .blob(let data): data
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
