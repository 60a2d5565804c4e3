import ArgumentParser
import Foundation
import IAMServer
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the IAM/STS endpoint (SQLite store in the data directory, or a shared PostgreSQL database).",
        discussion: """
            Environment: WARDEN_HOST, WARDEN_PORT, WARDEN_DATA_DIR, WARDEN_LOG_LEVEL, WARDEN_LOG_FORMAT, \
            WARDEN_DATABASE_URL, WARDEN_MASTER_KEY (base64 of 32 bytes; otherwise a key file is created in the data \
            directory: nodes sharing one PostgreSQL database need the same key). Flags win over the environment.

            Operations: GET /healthz, GET /readyz and GET /metrics (Prometheus; unauthenticated, so keep the \
            listener on loopback or behind a proxy, or pass --no-metrics).
            """)

    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int?

    @Option(name: .customLong("data-dir"), help: "Data directory (default ./warden-data).")
    var dataDirectory: String?

    @Option(name: .customLong("database"),
            help: "PostgreSQL URL (postgres://user:password@host:5432/db[?sslmode=require]) shared by several nodes; default: SQLite in the data directory.")
    var databaseURL: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text (default) or json (one JSON object per line on standard error).")
    var logFormat: String?

    @Flag(name: .customLong("no-metrics"), help: "Do not serve Prometheus metrics at /metrics.")
    var noMetrics = false

    @Flag(help: "Keep all state in memory (test suites); enables POST /moto-api/reset.")
    var ephemeral = false

    @Flag(name: .customLong("accept-any-credentials"),
          help: "With --ephemeral only: unknown access keys act as the root of 123456789012, signatures unchecked.")
    var acceptAnyCredentials = false

    func validate() throws {
        if acceptAnyCredentials && !ephemeral {
            throw ValidationError("--accept-any-credentials is only allowed together with --ephemeral")
        }
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let levelName = logLevel ?? environment["WARDEN_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else {
            throw ValidationError("unknown log level `\(levelName)`")
        }
        let formatName = logFormat ?? environment["WARDEN_LOG_FORMAT"] ?? "text"
        guard let format = WardenLogFormat(rawValue: formatName) else {
            throw ValidationError("unknown log format `\(formatName)` (text or json)")
        }
        format.bootstrap()
        var logger = Logger(label: "warden")
        logger.logLevel = level
        let configuration = WardenConfiguration(
            host: host ?? environment["WARDEN_HOST"] ?? "127.0.0.1",
            port: port ?? environment["WARDEN_PORT"].flatMap(Int.init) ?? 4600,
            dataDirectory: dataDirectory ?? environment["WARDEN_DATA_DIR"] ?? "./warden-data",
            ephemeral: ephemeral, acceptAnyCredentials: acceptAnyCredentials,
            masterKey: environment["WARDEN_MASTER_KEY"],
            databaseURL: databaseURL ?? environment["WARDEN_DATABASE_URL"], metricsEnabled: !noMetrics)
        do {
            try await WardenServer.run(configuration, logger: logger)
        } catch let error as WardenServer.StartupError {
            throw ValidationError(error.description)
        }
    }
}
