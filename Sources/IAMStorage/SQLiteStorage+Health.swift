import GRDB

/// Health (`/readyz`): the store answers a trivial query.
extension SQLiteStorage {
    public func ping() async throws {
        try await read { db in _ = try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
