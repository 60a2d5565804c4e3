import ArgumentParser
import Foundation
import IAMServer
import IAMStorage

/// `warden migrate`: moves a data directory's SQLite store into a new PostgreSQL database.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the SQLite store of a data directory into an empty PostgreSQL database.",
        discussion: """
            Stop the server first (a running server may still write to SQLite). The target gets every row in one
            transaction, or nothing. Secrets stay sealed under the master key: start every node on the new database
            with the same key (WARDEN_MASTER_KEY, or a copy of the data directory's master.key).
            Example: warden migrate --data-dir ./warden-data --to postgres://warden:secret@127.0.0.1:5432/warden
            """)

    @Option(name: .customLong("data-dir"), help: "Data directory holding the SQLite store (default ./warden-data).")
    var dataDirectory: String?

    @Option(name: .customLong("to"), help: "PostgreSQL URL of the new, empty store.")
    var target: String

    func run() async throws {
        let directory = dataDirectory ?? ProcessInfo.processInfo.environment["WARDEN_DATA_DIR"] ?? "./warden-data"
        guard FileManager.default.fileExists(atPath: directory + "/warden.sqlite") else {
            throw ValidationError("no SQLite store in \(directory)")
        }
        do {
            let source = try await StoreLocation.open(databaseURL: nil, dataDirectory: directory)
            let destination = try await StoreLocation.open(databaseURL: target, dataDirectory: directory)
            let copied: [SQLStorage.CopiedTable]
            do {
                copied = try await source.copyEverything(into: destination)
                await destination.close()
            } catch {
                await destination.close()
                throw error
            }
            for table in copied where table.rows > 0 { print("\(table.table): \(table.rows) rows") }
            print("copied \(copied.reduce(0) { $0 + $1.rows }) rows from \(copied.count) tables into PostgreSQL")
            print("start the nodes with --database and the master key of \(directory) (WARDEN_MASTER_KEY or master.key)")
        } catch let error as StorageError {
            throw ValidationError("migration failed, nothing was copied: \(error)")
        } catch let error as StoreLocation.Failure {
            throw ValidationError(error.description)
        }
    }
}
