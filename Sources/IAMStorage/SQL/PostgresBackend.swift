import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// PostgreSQL for several Warden nodes: a small pool of connections, each store body run on a
/// thread-pool thread inside one transaction (SERIALIZABLE for writes, so a count-then-insert limit
/// check is as safe as on SQLite's single writer; a read-only REPEATABLE READ snapshot for reads, like a
/// SQLite read), retried on serialization failures and lost connections.
final class PostgresBackend: SQLBackend {
    let configuration: PostgresConnection.Configuration
    let threads: NIOThreadPool
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let connectionIDs = Atomic<Int>(0)
    var dialect: SQLDialect { .postgres }

    /// How often a body is attempted when PostgreSQL reports a transient failure. Many writers on one
    /// row set (say 64 AddUserToGroup calls on one group) abort each other under SERIALIZABLE where
    /// SQLite would queue them: enough attempts, spread by `backoff`, let every one of them through.
    static let attempts = 20

    /// The pause before attempt `attempt` (2, 3, ...): exponential from 2 ms, capped at 100 ms, with
    /// jitter so the transactions that collided do not collide again.
    static func backoff(attempt: Int) -> UInt32 {
        let ceiling = min(100_000, 1_000 << min(attempt - 1, 7))
        return UInt32(Int.random(in: ceiling / 2...ceiling))
    }

    let schema: String?

    private init(configuration: PostgresConnection.Configuration, schema: String?, poolSize: Int, logger: Logger) {
        self.configuration = configuration
        self.schema = schema
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: max(1, poolSize))
        threads.start()
    }

    static func connect(url: String, poolSize: Int) async throws -> PostgresBackend {
        let configuration = try PostgresURL.configuration(url)
        let backend = PostgresBackend(configuration: configuration, schema: try PostgresURL.schema(url), poolSize: poolSize,
                                      logger: Logger(label: "warden.postgres"))
        do {
            try await backend.threads.runIfActive { try backend.migrate() }
        } catch {
            await backend.close()
            throw Self.storageError(error, conflictKey: "migration")
        }
        return backend
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await run(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", conflictKey: "entity", body)
    }

    func write<T: Sendable>(conflictKey: String, isolation: SQLIsolation,
                            _ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        let begin = switch isolation {
        case .serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE"
        case .readCommitted: "BEGIN ISOLATION LEVEL READ COMMITTED"
        }
        return try await run(begin: begin, conflictKey: conflictKey, body)
    }

    func close() async {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        for connection in connections { try? await connection.close() }
        try? await threads.shutdownGracefully()
    }

    private func run<T: Sendable>(begin: String, conflictKey: String,
                                  _ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        do {
            return try await threads.runIfActive { try self.attempt(begin: begin, body) }
        } catch let error as StorageError {
            throw error
        } catch {
            throw Self.storageError(error, conflictKey: conflictKey)
        }
    }

    /// Runs the body in a transaction opened by `begin`, again after a transient failure (a fresh connection if
    /// it was lost).
    private func attempt<T>(begin: String, _ body: (any SQLSession) throws -> T) throws -> T {
        var attempt = 1
        while true {
            let connection = try acquire()
            let session = PostgresSession(connection: connection, logger: logger)
            do {
                // A read is one snapshot too, as on SQLite: a body's several SELECTs must not straddle a commit
                // (a policy's default version read before, its versions after, a concurrent CreatePolicyVersion).
                try session.execute(sql: begin)
                let result: T
                do {
                    result = try body(session)
                    try session.execute(sql: "COMMIT")
                } catch {
                    try? session.execute(sql: "ROLLBACK")
                    throw error
                }
                release(connection)
                return result
            } catch {
                release(connection)
                guard attempt < Self.attempts, Self.isTransient(error) else { throw error }
                attempt += 1
                usleep(Self.backoff(attempt: attempt))
            }
        }
    }

    private func acquire() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        let id = connectionIDs.add(1, ordering: .relaxed).newValue
        return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                              configuration: configuration, id: id, logger: logger).wait()
    }

    private func release(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        idle.withLock { $0.append(connection) }
    }

    /// Applies pending migrations under an advisory lock, so nodes starting together migrate once.
    private func migrate() throws {
        let connection = try acquire()
        defer { release(connection) }
        let session = PostgresSession(connection: connection, logger: logger)
        try session.execute(sql: "BEGIN")
        do {
            try session.execute(sql: "SELECT pg_advisory_xact_lock(7301946)")
            if let schema { try session.execute(sql: "CREATE SCHEMA IF NOT EXISTS \(schema)") }
            try session.execute(sql: """
                CREATE TABLE IF NOT EXISTS warden_migrations (identifier TEXT NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)
                """)
            let applied = Set(try String.fetchAll(session, sql: "SELECT identifier FROM warden_migrations"))
            for migration in SQLiteMigrations.all where !applied.contains(migration.id) {
                for statement in PostgresDialect.statements(PostgresDialect.schema(migration.sql)) {
                    try session.execute(sql: statement)
                }
                if let addition = PostgresDialect.additions[migration.id] { try session.execute(sql: addition) }
                try session.execute(sql: "INSERT INTO warden_migrations (identifier, applied_at) VALUES (?, ?)",
                                    arguments: [migration.id, Int64(Date().timeIntervalSince1970)])
            }
            try session.execute(sql: "COMMIT")
        } catch {
            try? session.execute(sql: "ROLLBACK")
            throw error
        }
    }

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Serialization failures, deadlocks and lost connections: worth running the body again.
    static func isTransient(_ error: any Error) -> Bool {
        if let state = sqlState(error) { return state == "40001" || state == "40P01" || state.hasPrefix("08") }
        guard let error = error as? PSQLError else { return false }
        return error.code == .serverClosedConnection || error.code == .connectionError
    }

    static func storageError(_ error: any Error, conflictKey: String) -> StorageError {
        if let error = error as? StorageError { return error }
        if sqlState(error) == "23505" { return .conflict(conflictKey) }
        if let state = sqlState(error), state == "40001" || state == "40P01" { return .busy }
        if let error = error as? PSQLError {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            return .unavailable("PostgreSQL: \(message) (SQLSTATE \(sqlState(error) ?? "-"))")
        }
        return .unavailable("\(error)")
    }
}
