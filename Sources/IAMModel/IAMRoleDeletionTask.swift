/// A service-linked role deletion (DeleteServiceLinkedRole), kept so that
/// GetServiceLinkedRoleDeletionStatus can answer for it.
public struct IAMRoleDeletionTask: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case succeeded = "SUCCEEDED", inProgress = "IN_PROGRESS", failed = "FAILED", notStarted = "NOT_STARTED"
    }

    /// `task/aws-service-role/<service>/<role name>/<uuid>`.
    public var id: String
    public var accountID: String
    public var status: Status
    public var createdAt: Int64

    public init(id: String, accountID: String, status: Status, createdAt: Int64) {
        self.id = id
        self.accountID = accountID
        self.status = status
        self.createdAt = createdAt
    }
}
