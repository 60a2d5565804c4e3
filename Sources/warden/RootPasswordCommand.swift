import ArgumentParser
import Foundation
import IAMServer

struct RootPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "root-password",
        abstract: "Set the root user's web console password (read from standard input).",
        discussion: """
            The root user signs in at /console with the account id, "Sign in as the root user" and this password.
            Example: printf '%s\\n' 'My-Root-Passw0rd' | warden root-password --data-dir ./warden-data
            """)

    @Option(name: .customLong("data-dir"), help: "Data directory (default ./warden-data).")
    var dataDirectory: String?

    @Option(name: .customLong("database"), help: "PostgreSQL URL of a shared store (default: SQLite in the data directory; env WARDEN_DATABASE_URL).")
    var databaseURL: String?

    func run() async throws {
        let directory = dataDirectory ?? ProcessInfo.processInfo.environment["WARDEN_DATA_DIR"] ?? "./warden-data"
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("type the new root password on standard input")
        }
        do {
            let account = try await RootPassword.set(
                line, dataDirectory: directory, databaseURL: databaseURL ?? ProcessInfo.processInfo.environment["WARDEN_DATABASE_URL"])
            print("root console password set for account \(account)")
        } catch let failure as RootPassword.Failure {
            throw ValidationError(failure.description)
        } catch let failure as StoreLocation.Failure {
            throw ValidationError(failure.description)
        }
    }
}
