import IAMStorage
import Synchronization

/// Keeps this node's caches (users, policy sets, managed policies, credentials) in step with
/// the other nodes on the same store. A local write drops the caches and bumps the store-wide
/// change generation; requests look at that generation at most every `checkInterval`
/// milliseconds and drop the caches when another node moved it. So a change made on one node
/// takes effect everywhere within `checkInterval` plus one request, well under a second.
final class ClusterGeneration: Sendable {
    /// How often a node reads the generation, in milliseconds.
    static let checkInterval: Int64 = 250

    private struct State {
        /// The generation the caches are valid for; nil before the first look.
        var known: Int64?
        /// When the generation was last read (milliseconds).
        var checkedAt = Int64.min
        /// A read is under way (others keep going on the caches meanwhile).
        var checking = false
    }

    private let store: any IAMStore
    private let interval: Int64
    private let drop: @Sendable () -> Void
    private let state = Mutex(State())

    /// `drop` forgets every cache of this node.
    init(store: any IAMStore, interval: Int64 = ClusterGeneration.checkInterval, drop: @escaping @Sendable () -> Void) {
        self.store = store
        self.interval = interval
        self.drop = drop
    }

    /// After a local write: bump the store's generation, then drop the caches. When no other node
    /// bumped in between, the new generation is ours and the next check need not drop again.
    func changed() async {
        let bumped = try? await store.bumpChangeGeneration()
        drop()
        state.withLock { state in
            if let bumped, let known = state.known, bumped == known + 1 {
                state.known = bumped
            } else {
                state.known = nil
            }
        }
    }

    /// On the request path: at most once per interval, read the store's generation and drop the
    /// caches when it moved (or could not be read). Returns true when the caches were dropped. A
    /// clock that went backwards counts as due.
    @discardableResult
    func check(atMillis now: Int64) async -> Bool {
        let due = state.withLock { state -> Bool in
            guard !state.checking, state.known == nil || now - state.checkedAt >= interval || now < state.checkedAt else { return false }
            state.checking = true
            state.checkedAt = now
            return true
        }
        guard due else { return false }
        let current = try? await store.changeGeneration()
        let stale = state.withLock { state -> Bool in
            state.checking = false
            let stale = current == nil || current != state.known
            state.known = current
            return stale
        }
        if stale { drop() }
        return stale
    }
}
