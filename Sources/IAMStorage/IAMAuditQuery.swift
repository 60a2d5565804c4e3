/// Filters for reading the audit trail. Every set filter must match; results come newest first.
public struct IAMAuditQuery: Sendable, Hashable {
    /// Where a page ends: the last event returned (time, sequence, id), so the next page starts
    /// strictly after it in the newest-first order.
    public struct Cursor: Sendable, Hashable {
        public var eventTimeMillis: Int64
        public var sequence: Int64
        public var eventID: String
        public init(eventTimeMillis: Int64, sequence: Int64, eventID: String) {
            self.eventTimeMillis = eventTimeMillis
            self.sequence = sequence
            self.eventID = eventID
        }
    }

    public var accountID: String?
    public var userName: String?
    public var eventName: String?
    public var eventSource: String?
    public var eventID: String?
    public var accessKeyID: String?
    public var readOnly: Bool?
    public var resourceType: String?
    public var resourceName: String?
    /// `Allow` or `Deny`.
    public var decision: String?
    /// Inclusive bounds, in milliseconds.
    public var startMillis: Int64?
    public var endMillis: Int64?
    public var maxResults: Int
    public var after: Cursor?

    public init(accountID: String? = nil, userName: String? = nil, eventName: String? = nil, eventSource: String? = nil,
                eventID: String? = nil, accessKeyID: String? = nil, readOnly: Bool? = nil, resourceType: String? = nil,
                resourceName: String? = nil, decision: String? = nil, startMillis: Int64? = nil, endMillis: Int64? = nil,
                maxResults: Int = 50, after: Cursor? = nil) {
        self.accountID = accountID
        self.userName = userName
        self.eventName = eventName
        self.eventSource = eventSource
        self.eventID = eventID
        self.accessKeyID = accessKeyID
        self.readOnly = readOnly
        self.resourceType = resourceType
        self.resourceName = resourceName
        self.decision = decision
        self.startMillis = startMillis
        self.endMillis = endMillis
        self.maxResults = maxResults
        self.after = after
    }
}
