import ArgumentParser
import Foundation
import IAMServer

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite store to a file, consistently, while servers keep running.",
        discussion: """
            The copy holds the database only. Keep the master key (master.key in the data directory, or
            WARDEN_MASTER_KEY) as well, apart from the copy: the sealed secrets are useless without it.
            Example: warden backup --data-dir ./warden-data --output warden-2026-11-29.sqlite
            """)

    @Option(name: .customLong("data-dir"), help: "Data directory (default ./warden-data).")
    var dataDirectory: String?

    @Option(help: "The file to write (replaced when it exists).")
    var output: String

    func run() async throws {
        let directory = dataDirectory ?? ProcessInfo.processInfo.environment["WARDEN_DATA_DIR"] ?? "./warden-data"
        do {
            for line in try WardenBackup.backup(dataDirectory: directory, output: output) { print(line) }
        } catch let failure as WardenBackup.Failure {
            throw ValidationError(failure.description)
        }
    }
}
