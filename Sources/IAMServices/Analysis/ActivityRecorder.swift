import IAMModel
import IAMStorage
import Synchronization

/// Records which principal used which action, for service last accessed reports: called after a
/// request succeeded, it writes at most once a minute per principal and action (an in-memory
/// throttle, like `CredentialResolver.recordUse`). The root user is not recorded: no report is
/// about it. Failures to record never fail the request.
final class ActivityRecorder: Sendable {
    private let store: any IAMStore
    private let lastRecorded = Mutex<[String: Int64]>([:])
    /// Throttle entries kept before stale ones are dropped.
    private static let maximumEntries = 50_000

    init(store: any IAMStore) {
        self.store = store
    }

    /// `action` is `service:Name` (`iam:ListUsers`, `ec2:DescribeInstances`).
    func record(caller: Caller, action: String, region: String, at time: Int64) async {
        // Roles: an assumed-role session records its role here (the role's id and ARN).
        guard let user = caller.user else { return }
        let parts = action.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return }
        let key = user.id + "|" + action.lowercased()
        let due = lastRecorded.withLock { recorded -> Bool in
            if let last = recorded[key], time - last < 60, time >= last { return false }
            if recorded.count >= Self.maximumEntries {
                recorded = recorded.filter { time - $0.value < 60 }
            }
            recorded[key] = time
            return true
        }
        guard due else { return }
        try? await store.recordActivity(IAMActivity(
            accountID: caller.accountID, principalID: user.id, principalARN: user.arn, service: parts[0].lowercased(),
            action: String(parts[1]), region: region, at: time))
    }
}
