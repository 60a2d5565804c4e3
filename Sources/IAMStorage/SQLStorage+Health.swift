
/// Health (`/readyz`): the store answers a trivial query.
extension SQLStorage {
    public func ping() async throws {
        try await read { db in _ = try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
