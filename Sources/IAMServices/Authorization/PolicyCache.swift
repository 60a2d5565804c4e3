import IAMModel
import IAMPolicy
import Synchronization

/// Compiled policy sets per user, and compiled managed policies per ARN, valid for one
/// generation of the store. Every successful write operation bumps the generation, which
/// invalidates everything: simple, and writes are rare next to reads. Writes on other nodes reach
/// this cache through the store's change generation (`ClusterGeneration`).
final class PolicyCache: Sendable {
    private struct State {
        var generation = 0
        var sets: [String: PolicySet] = [:]
        var managed: [String: CompiledPolicy] = [:]
        /// Users by `account|lowercased name`, so authorization and handlers do not hit SQLite for them.
        var users: [String: IAMUser] = [:]
    }

    private let state = Mutex(State())

    var generation: Int { state.withLock { $0.generation } }

    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.sets.removeAll(keepingCapacity: true)
            state.managed.removeAll(keepingCapacity: true)
            state.users.removeAll(keepingCapacity: true)
        }
    }

    func policySet(userID: String) -> PolicySet? {
        state.withLock { $0.sets[userID] }
    }

    /// Stores a set built while the store was at `generation` (dropped if a write happened since).
    func store(_ set: PolicySet, userID: String, generation: Int) {
        state.withLock { state in
            if state.generation == generation { state.sets[userID] = set }
        }
    }

    /// Roles share the table with users: unique ids never collide across kinds (`AIDA...`, `AROA...`).
    func policySet(roleID: String) -> PolicySet? { policySet(userID: roleID) }

    func store(_ set: PolicySet, roleID: String, generation: Int) { store(set, userID: roleID, generation: generation) }

    func user(_ key: String) -> IAMUser? {
        state.withLock { $0.users[key] }
    }

    func store(_ user: IAMUser, key: String, generation: Int) {
        state.withLock { state in
            if state.generation == generation { state.users[key] = user }
        }
    }

    func managedPolicy(_ arn: String) -> CompiledPolicy? {
        state.withLock { $0.managed[arn] }
    }

    func store(_ policy: CompiledPolicy, arn: String, generation: Int) {
        state.withLock { state in
            if state.generation == generation { state.managed[arn] = policy }
        }
    }
}
