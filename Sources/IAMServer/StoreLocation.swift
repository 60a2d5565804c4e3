import IAMModel
import IAMServices
public import IAMStorage

/// Where the store lives: the SQLite file in the data directory, or a shared PostgreSQL database.
public enum StoreLocation {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The store of a data directory (or of `databaseURL`), for the commands beside `serve`.
    public static func open(databaseURL: String?, dataDirectory: String) async throws -> SQLStorage {
        try await open(databaseURL: databaseURL, directory: try DataDirectory.prepare(dataDirectory))
    }

    /// Opens the store, applying pending migrations (PostgreSQL: under a lock, so nodes starting together agree).
    static func open(databaseURL: String?, directory: DataDirectory) async throws -> SQLStorage {
        guard let databaseURL, !databaseURL.isEmpty else { return try SQLStorage(path: directory.databasePath) }
        do {
            return try await SQLStorage.connect(postgresURL: databaseURL)
        } catch let error as StorageError {
            // The URL may hold a password: name only the failure.
            throw Failure(description: "cannot open the PostgreSQL store: \(error)")
        }
    }

    /// Refuses a master key that cannot open the store's secrets (a second node started with its own
    /// key file instead of the shared `WARDEN_MASTER_KEY` would otherwise fail every signature).
    static func checkMasterKey(_ box: SecretBox, store: any IAMStore, accountID: String) async throws {
        guard let key = try await store.accessKeys(accountID: accountID, userID: nil).first else { return }
        do {
            _ = try box.open(key.sealedSecret, boundTo: key.id)
        } catch {
            throw WardenServer.StartupError(description: """
                the master key does not open this store's secrets: every node on one database needs the same key \
                (WARDEN_MASTER_KEY, or a copy of the data directory's master.key)
                """)
        }
    }
}
