import Foundation
import IAMModel
@testable import IAMStorage
import Testing

/// The engines the storage contract runs on: in-memory SQLite always, PostgreSQL when
/// `WARDEN_TEST_POSTGRES_URL` holds an admin URL (`postgres://postgres@127.0.0.1:54329/postgres`).
/// Every test takes one as its argument, so the same body runs on each engine.
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let postgresURLVariable = "WARDEN_TEST_POSTGRES_URL"

    /// The admin URL from the environment (nil or empty: no PostgreSQL cases).
    static var postgresAdminURL: String? {
        guard let url = ProcessInfo.processInfo.environment[postgresURLVariable], !url.isEmpty else { return nil }
        return url
    }

    /// The backends to run every test on.
    static var all: [StoreBackend] { postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// A fresh, empty store: a private in-memory SQLite database, or a new PostgreSQL schema.
    func makeStore() async throws -> SQLStorage {
        switch self {
        case .sqlite: try SQLStorage()
        case .postgres: try await SQLStorage.connect(postgresURL: try Self.freshSchemaURL())
        }
    }

    /// Where a store lives that can be closed and opened again: a temporary SQLite file (WAL), or a
    /// fresh PostgreSQL schema.
    func makeLocation() throws -> StoreLocation {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("warden-storage-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return .file(directory.appendingPathComponent("warden.sqlite").path)
        case .postgres:
            return .postgres(try Self.freshSchemaURL())
        }
    }

    /// Runs `body` on a fresh store holding the test account, closing the store afterwards (also on failure).
    func withStore<T>(account: Bool = true, _ body: (SQLStorage) async throws -> T) async throws -> T {
        let store = try await makeStore()
        do {
            if account { try await store.createAccount(IAMAccount(id: Fixture.account, createdAt: 1)) }
            let result = try await body(store)
            await Self.discard(store)
            return result
        } catch {
            // A failed test's PostgreSQL schema stays for a look (`psql`, `SET search_path`).
            await store.close()
            throw error
        }
    }

    /// Closes the store, first dropping its PostgreSQL schema (the cluster would otherwise collect one per test).
    static func discard(_ store: SQLStorage) async {
        if let schema = (store.backend as? PostgresBackend)?.schema {
            try? await store.write { db in try db.execute(sql: "DROP SCHEMA \(schema) CASCADE") }
        }
        await store.close()
    }

    /// The admin URL with `schema=` set to a new random lower-case name (the store creates it).
    static func freshSchemaURL() throws -> String {
        guard let admin = postgresAdminURL, var components = URLComponents(string: admin) else {
            throw StoreBackendError.noPostgres
        }
        let bytes = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let schema = "t_" + bytes.map { String(format: "%02x", $0) }.joined()
        var items = (components.queryItems ?? []).filter { $0.name != "schema" }
        items.append(URLQueryItem(name: "schema", value: schema))
        components.queryItems = items
        guard let url = components.string else { throw StoreBackendError.noPostgres }
        return url
    }
}

/// A store location that outlives one `SQLStorage`.
enum StoreLocation: Sendable {
    case file(String)
    case postgres(String)

    func open() async throws -> SQLStorage {
        switch self {
        case .file(let path): try SQLStorage(path: path)
        case .postgres(let url): try await SQLStorage.connect(postgresURL: url)
        }
    }

    /// Removes the temporary directory of a file store.
    func remove() {
        guard case .file(let path) = self else { return }
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }
}

enum StoreBackendError: Error {
    case noPostgres
}
