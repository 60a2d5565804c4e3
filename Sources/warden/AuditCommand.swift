import ArgumentParser
import Foundation
import IAMServer

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List recorded API calls and console sign-ins (the audit trail), oldest first.",
        discussion: """
            Reads the store of a data directory (the server may be running). Filters combine.
            Examples:
              warden audit --data-dir ./warden-data --user MFAUser
              warden audit --action ec2:DescribeInstances --decision deny --since 1h --json
            """)

    @Option(name: .customLong("data-dir"), help: "Data directory (default ./warden-data).")
    var dataDirectory: String?

    @Option(name: .customLong("database"), help: "PostgreSQL URL of a shared store (default: SQLite in the data directory; env WARDEN_DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "Only events of this user (or role session, or `root`).")
    var user: String?

    @Option(help: "Only this event name (`DescribeInstances`) or `service:Name` (`ec2:DescribeInstances`).")
    var action: String?

    @Option(help: "Only events at or after this time: ISO-8601 (`2026-11-29T10:00:00Z`) or relative (`90s`, `15m`, `1h`, `2d`).")
    var since: String?

    @Option(help: "Only events at or before this time (same forms as --since).")
    var until: String?

    @Option(help: "Only events the gate decided so: allow or deny.")
    var decision: String?

    @Option(help: "At most this many events (the most recent ones).")
    var max: Int = 1_000

    @Flag(help: "One CloudTrail-shaped JSON event per line instead of the table.")
    var json = false

    func validate() throws {
        guard max >= 1 else { throw ValidationError("--max must be at least 1") }
        if let decision, !["allow", "deny"].contains(decision.lowercased()) {
            throw ValidationError("--decision must be allow or deny")
        }
    }

    func run() async throws {
        let now = Int64(Date().timeIntervalSince1970)
        func time(_ text: String?, _ flag: String) throws -> Int64? {
            guard let text else { return nil }
            guard let value = AuditReport.time(text, now: now) else {
                throw ValidationError("\(flag): `\(text)` is neither an ISO-8601 time nor a relative one like 1h")
            }
            return value
        }
        let filter = AuditReport.Filter(user: user, action: action, since: try time(since, "--since"),
                                        until: try time(until, "--until"), decision: decision, maximum: max)
        let directory = dataDirectory ?? ProcessInfo.processInfo.environment["WARDEN_DATA_DIR"] ?? "./warden-data"
        let events: [String]
        do {
            events = try await AuditReport.events(
                dataDirectory: directory, databaseURL: databaseURL ?? ProcessInfo.processInfo.environment["WARDEN_DATABASE_URL"],
                filter: filter)
        } catch let failure as AuditReport.Failure {
            throw ValidationError(failure.description)
        }
        if json {
            for event in events { print(event) }
        } else {
            print(AuditReport.table(events))
        }
    }
}
