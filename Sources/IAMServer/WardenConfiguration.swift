/// How `warden serve` runs: where it listens, where it keeps data, and the test-only switches.
public struct WardenConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The data directory (`./warden-data` unless told otherwise); unused with `ephemeral`.
    public var dataDirectory: String
    /// A throw-away in-memory store; enables `POST /moto-api/reset`.
    public var ephemeral: Bool
    /// Unknown access keys act as the root of account 123456789012 and signatures are not
    /// checked (moto/LocalStack behaviour). Only with `ephemeral`.
    public var acceptAnyCredentials: Bool
    /// Base64 of 32 bytes (`WARDEN_MASTER_KEY`); else a key file in the data directory.
    public var masterKey: String?
    /// Largest accepted request body.
    public var maximumBodyBytes: Int
    /// A PostgreSQL URL (`postgres://user:password@host:5432/database`): the store several nodes share.
    /// Nil keeps the embedded SQLite store in the data directory.
    public var databaseURL: String?
    /// Serve Prometheus metrics at `/metrics` (unauthenticated; `--no-metrics` turns it off).
    public var metricsEnabled: Bool

    public init(host: String = "127.0.0.1", port: Int = 4600, dataDirectory: String = "./warden-data", ephemeral: Bool = false,
                acceptAnyCredentials: Bool = false, masterKey: String? = nil, maximumBodyBytes: Int = 1_048_576,
                databaseURL: String? = nil, metricsEnabled: Bool = true) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.ephemeral = ephemeral
        self.acceptAnyCredentials = acceptAnyCredentials
        self.masterKey = masterKey
        self.maximumBodyBytes = maximumBodyBytes
        self.databaseURL = databaseURL
        self.metricsEnabled = metricsEnabled
    }

    /// The account `--accept-any-credentials` maps unknown keys to.
    public static let anyCredentialsAccount = "123456789012"
}
