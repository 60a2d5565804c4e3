import Synchronization

/// Whichever of the probe and the timer answers first wins; the other's answer is dropped.
final class FirstAnswer: Sendable {
    private let taken = Mutex(false)

    func claim() -> Bool {
        taken.withLock { taken in
            defer { taken = true }
            return !taken
        }
    }
}
