import Foundation
import GRDB

/// `warden backup` and `warden restore` for the SQLite store. This file alone uses GRDB beyond
/// the storage shim (SQLite's online backup API and locking), and stays SQLite-only.
extension SQLStorage {
    /// Why a backup or a restore refused to run.
    public struct BackupError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// What a checked Warden database holds.
    public struct BackupSummary: Sendable {
        /// Applied migrations, in order.
        public var migrations: [String]
    }

    /// A consistent copy of the database at `databasePath`, taken with SQLite's online backup API
    /// while servers may keep reading and writing it (WAL: the copy reads one snapshot). It is
    /// written next to `output`, checked, then renamed over it (mode 0600).
    @discardableResult
    public static func backup(databasePath: String, to output: String) throws -> BackupSummary {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw BackupError(description: "no database at \(databasePath)")
        }
        let partial = output + ".partial-" + UUID().uuidString.prefix(8)
        defer { removeLeftovers(partial) }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let source = try open(databasePath, configuration: configuration)
            let summary = try check(source, name: databasePath)
            try copy(source, to: partial)
            try source.close()
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial)
            let written = try open(partial, configuration: readOnly())
            _ = try check(written, name: "the copy")
            try written.close()
            guard rename(partial, output) == 0 else {
                throw BackupError(description: "cannot move the copy to \(output) (errno \(errno))")
            }
            return summary
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(description: "the backup failed: \(error)")
        }
    }

    /// Replaces the database at `databasePath` with the Warden database `input`: refuses a file
    /// that is not one (or was made by a newer Warden), and a target some process has open. The
    /// copy is written next to the target, then renamed over it after stale `-wal`/`-shm` files
    /// are removed, so the target is either the old or the new database, never half of one.
    @discardableResult
    public static func restore(from input: String, to databasePath: String) throws -> BackupSummary {
        guard FileManager.default.fileExists(atPath: input) else { throw BackupError(description: "no file at \(input)") }
        let partial = databasePath + ".restore-" + UUID().uuidString.prefix(8)
        defer { removeLeftovers(partial) }
        do {
            let source = try open(input, configuration: readOnly())
            let summary = try check(source, name: input)
            if FileManager.default.fileExists(atPath: databasePath) { try ensureUnused(databasePath) }
            try copy(source, to: partial)
            try source.close()
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial)
            for suffix in ["-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
                try FileManager.default.removeItem(atPath: databasePath + suffix)
            }
            guard rename(partial, databasePath) == 0 else {
                throw BackupError(description: "cannot move the restored database to \(databasePath) (errno \(errno))")
            }
            return summary
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(description: "the restore failed: \(error)")
        }
    }

    static func open(_ path: String, configuration: Configuration) throws -> DatabaseQueue {
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw BackupError(description: "\(path) is not an SQLite database (\(error))")
        }
    }

    /// SQLite's backup API into a new file at `path`, left in rollback-journal mode so that it is
    /// one self-contained file (a server opening it switches it to WAL again).
    static func copy(_ source: DatabaseQueue, to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try source.backup(to: destination)
        try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try destination.close()
    }

    static func removeLeftovers(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func readOnly() -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    /// A Warden database: passes SQLite's quick check and holds only migrations this build knows,
    /// starting with the first one.
    static func check(_ database: DatabaseQueue, name: String) throws -> BackupSummary {
        let known = SQLiteMigrations.all.map(\.id)
        let (status, applied): (String?, [String]) = try database.read { db in
            do {
                let status = try String.fetchOne(db, sql: "PRAGMA quick_check")
                guard try db.tableExists("grdb_migrations") else { return (status, []) }
                return (status, try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            } catch {
                throw BackupError(description: "\(name) is not an SQLite database (\(error))")
            }
        }
        guard status == "ok" else { throw BackupError(description: "\(name) failed SQLite's quick check: \(status ?? "no answer")") }
        guard let first = known.first, applied.contains(first) else {
            throw BackupError(description: "\(name) is not a Warden database")
        }
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw BackupError(description: "\(name) has migrations this warden does not know (\(unknown.joined(separator: ", "))): use a newer warden")
        }
        return BackupSummary(migrations: known.filter { applied.contains($0) })
    }

    /// Refuses when another connection has the database open: in WAL mode every open connection
    /// holds a shared lock, so an exclusive lock is only granted to the last one.
    static func ensureUnused(_ path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE") }
        do {
            let probe = try DatabaseQueue(path: path, configuration: configuration)
            try probe.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                try db.execute(sql: "ROLLBACK")
            }
            try probe.close()
        } catch {
            throw BackupError(description: "\(path) is in use (stop every warden serve on it first): \(error)")
        }
    }
}
