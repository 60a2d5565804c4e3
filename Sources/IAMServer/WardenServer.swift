import Foundation
public import Hummingbird
import IAMConsole
import IAMModel
import IAMPolicyCatalog
import IAMServices
import IAMStorage
public import Logging
import Prometheus
import UnixSignals

/// `buildApplication` and `run`: storage, keys, the first account, the routes, and the server.
public enum WardenServer {
    public struct StartupError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Everything the server needs, made ready (store opened, account bootstrapped).
    struct Prepared {
        var store: any IAMStore
        var api: WardenAPI
        var directory: DataDirectory
        var root: AccountBootstrap.RootCredentials
        /// This server's metrics (nil with `--no-metrics`), never a process-wide registry.
        var registry: PrometheusCollectorRegistry?
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    static func prepare(_ configuration: WardenConfiguration, logger: Logger) async throws -> Prepared {
        if configuration.acceptAnyCredentials && !configuration.ephemeral {
            throw StartupError(description: "--accept-any-credentials is only allowed with --ephemeral")
        }
        let directory: DataDirectory
        let store: any IAMStore
        if configuration.ephemeral {
            let temporary = NSTemporaryDirectory() + "warden-ephemeral-\(UUID().uuidString.prefix(8))"
            directory = try DataDirectory.prepare(temporary)
            store = try SQLStorage()
        } else {
            directory = try DataDirectory.prepare(configuration.dataDirectory)
            store = try await StoreLocation.open(databaseURL: configuration.databaseURL, directory: directory)
        }
        do {
            return try await prepare(configuration, store: store, directory: directory, logger: logger)
        } catch {
            await store.close()  // PostgreSQL connections end cleanly when startup fails after opening
            throw error
        }
    }

    static func prepare(_ configuration: WardenConfiguration, store: any IAMStore, directory: DataDirectory,
                        logger: Logger) async throws -> Prepared {
        let box: SecretBox
        if configuration.ephemeral && configuration.masterKey == nil {
            guard let random = SecretBox(keyBytes: SecretBox.generateKeyBytes()) else {
                throw StartupError(description: "cannot create a master key")
            }
            box = random
        } else {
            box = try directory.masterKey(override: configuration.masterKey)
        }
        let catalog: ManagedPolicyCatalog
        do {
            catalog = try ManagedPolicyCatalog.shared()
        } catch {
            throw StartupError(description: error.description)
        }
        let root = try await AccountBootstrap.ensureAccount(
            store: store, box: box, now: now(),
            accountID: configuration.acceptAnyCredentials ? WardenConfiguration.anyCredentialsAccount : nil)
        try await StoreLocation.checkMasterKey(box, store: store, accountID: root.accountID)
        if let secret = root.secretAccessKey {
            try directory.writeCredentials(accessKeyID: root.accessKeyID, secretAccessKey: secret)
        }
        let registry = configuration.metricsEnabled ? PrometheusCollectorRegistry() : nil
        let metrics = registry.map { WardenMetrics(factory: metricsFactory($0)) } ?? .disabled
        let api = WardenAPI(store: store, box: box, catalog: catalog, now: { now() }, logger: logger, metrics: metrics)
        return Prepared(store: store, api: api, directory: directory, root: root, registry: registry)
    }

    /// swift-metrics over one registry; request latency buckets from 1 ms to 10 s.
    static func metricsFactory(_ registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5),
            .seconds(10),
        ]
        return factory
    }

    /// Builds the HTTP application for a configuration. `onListening` receives the bound port.
    public static func buildApplication(
        _ configuration: WardenConfiguration, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let prepared = try await prepare(configuration, logger: logger)
        let router = Router(context: WardenRequestContext.self)
        // Operations (issue 9): request ids and console metrics first, then health and metrics routes.
        router.add(middleware: RequestObservationMiddleware(metrics: prepared.api.metrics))
        OperationsRoutes.register(on: router, store: prepared.store, registry: prepared.registry, logger: logger)
        let endpoint = AWSEndpoint(api: prepared.api, configuration: configuration, now: { now() }, logger: logger)
        router.post("/") { request, context in await endpoint.respond(request, context) }
        router.get("/") { request, context in await endpoint.respond(request, context) }
        try await ConsoleRoutes.register(on: router, api: prepared.api, logger: logger, now: { now() })
        if configuration.ephemeral {
            let store = prepared.store
            let api = prepared.api
            router.post("/moto-api/reset") { _, _ -> Response in
                do {
                    try await resetKeepingRoot(store)
                    await api.invalidateCaches()
                    return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status": "ok"}"#)))
                } catch {
                    logger.error("reset failed", metadata: ["error": "\(error)"])
                    return Response(status: .internalServerError)
                }
            }
            logger.warning("EPHEMERAL MODE: all state lives in memory and POST /moto-api/reset wipes it")
        }
        if configuration.acceptAnyCredentials {
            logger.warning("ACCEPT-ANY-CREDENTIALS MODE: unknown access keys act as the root of account \(WardenConfiguration.anyCredentialsAccount) and their signatures are NOT checked")
        }
        let root = prepared.root
        let directory = prepared.directory
        let host = configuration.host
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "Warden"),
            services: [ShutdownService(recorder: prepared.api.audit, store: prepared.store)],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                announce(host: host, port: port, root: root, directory: directory)
                await onListening(port)
            },
            logger: logger)
    }

    /// Runs until SIGINT or SIGTERM, then shuts down cleanly.
    public static func run(_ configuration: WardenConfiguration, logger: Logger) async throws {
        let app = try await buildApplication(configuration, logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// `POST /moto-api/reset`: everything goes except the accounts and their root keys.
    static func resetKeepingRoot(_ store: any IAMStore) async throws {
        let accounts = try await store.accounts()
        var keys: [IAMAccessKey] = []
        for account in accounts { keys += try await store.accessKeys(accountID: account.id, userID: nil) }
        try await store.reset()
        for account in accounts { try await store.createAccount(IAMAccount(id: account.id, createdAt: account.createdAt)) }
        for key in keys { try await store.createAccessKey(key) }
    }

    static func announce(host: String, port: Int, root: AccountBootstrap.RootCredentials, directory: DataDirectory) {
        let endpoint = "http://\(host):\(port)"
        let lines = [
            "Warden listening on \(endpoint)",
            "account \(root.accountID), root access key \(root.accessKeyID)",
            "root credentials: \(directory.credentialsPath) (AWS CLI credentials-file format, mode 0600)",
            "web console: \(endpoint)/console (account \(root.accountID); IAM users sign in with their console password, the root user after `warden root-password`)",
            "sign in with the AWS CLI: AWS_SHARED_CREDENTIALS_FILE=\(directory.credentialsPath) aws --endpoint-url \(endpoint) --region us-east-1 sts get-caller-identity",
        ]
        print(lines.joined(separator: "\n"))
        fflush(nil)
    }
}
