import IAMModel
import IAMStorage

/// Users by name through the per-generation cache: the gate and the handlers both need the
/// target user, and a cached lookup keeps the hot read path off SQLite.
struct UserLookup: Sendable {
    let store: any IAMStore
    let cache: PolicyCache

    func user(accountID: String, name: String) async throws -> IAMUser? {
        let key = accountID + "|" + name.lowercased()
        if let cached = cache.user(key) { return cached }
        let generation = cache.generation
        guard let found = try await store.user(accountID: accountID, name: name) else { return nil }
        cache.store(found, key: key, generation: generation)
        return found
    }
}
