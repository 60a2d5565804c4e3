/// One audit trail entry as stored: the columns lookups filter on, and the full CloudTrail-shaped
/// event as JSON text (`data`). Written in batches by the recorder; never updated.
public struct IAMAuditRecord: Sendable, Hashable {
    /// The event's `eventID` (a lowercase UUID).
    public var eventID: String
    /// The account the event belongs to (`recipientAccountId`); empty when sign-in named no known account.
    public var accountID: String
    /// `eventTime` in milliseconds since 1970.
    public var eventTimeMillis: Int64
    /// Orders events of the same millisecond: increasing per node (microseconds since 1970, bumped past
    /// the previous value).
    public var sequence: Int64
    /// `iam.amazonaws.com`, `sts.amazonaws.com`, `ec2.amazonaws.com`, `signin.amazonaws.com`, ...
    public var eventSource: String
    public var eventName: String
    /// What LookupEvents calls `Username`: the user, the role session or federated user name, `root`.
    public var userName: String?
    public var principalARN: String?
    public var accessKeyID: String?
    /// `Allow` or `Deny` when the gate decided; nil when the request failed before it.
    public var decision: String?
    public var errorCode: String?
    public var readOnly: Bool
    /// The main resource the request named (`AWS::IAM::User` and its name), for LookupEvents.
    public var resourceType: String?
    public var resourceName: String?
    /// The CloudTrail-shaped event (JSON object text), secrets already removed.
    public var data: String

    public init(eventID: String, accountID: String, eventTimeMillis: Int64, sequence: Int64, eventSource: String,
                eventName: String, userName: String?, principalARN: String?, accessKeyID: String?, decision: String?,
                errorCode: String?, readOnly: Bool, resourceType: String? = nil, resourceName: String? = nil, data: String) {
        self.eventID = eventID
        self.accountID = accountID
        self.eventTimeMillis = eventTimeMillis
        self.sequence = sequence
        self.eventSource = eventSource
        self.eventName = eventName
        self.userName = userName
        self.principalARN = principalARN
        self.accessKeyID = accessKeyID
        self.decision = decision
        self.errorCode = errorCode
        self.readOnly = readOnly
        self.resourceType = resourceType
        self.resourceName = resourceName
        self.data = data
    }
}
