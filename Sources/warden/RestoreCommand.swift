import ArgumentParser
import Foundation
import IAMServer

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the SQLite store of a data directory with a file written by warden backup.",
        discussion: """
            Stop every warden serve on the data directory first (a database in use is refused). The file must be a
            Warden database this version knows. Give the data directory the master key the backup was taken with.
            Example: warden restore --data-dir ./warden-data --input warden-2026-11-29.sqlite --force
            """)

    @Option(name: .customLong("data-dir"), help: "Data directory (default ./warden-data).")
    var dataDirectory: String?

    @Option(help: "The backup file to restore.")
    var input: String

    @Flag(help: "Replace an existing database.")
    var force = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = dataDirectory ?? environment["WARDEN_DATA_DIR"] ?? "./warden-data"
        do {
            let lines = try await WardenBackup.restore(dataDirectory: directory, input: input, force: force,
                                                       masterKey: environment["WARDEN_MASTER_KEY"])
            for line in lines { print(line) }
        } catch let failure as WardenBackup.Failure {
            throw ValidationError(failure.description)
        }
    }
}
