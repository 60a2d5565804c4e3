// Recorded activity and generated reports (service last accessed, credential report).

/// A principal's most recent use of one action: what service last accessed reports are made of.
/// Stored once per principal and action, overwritten by later uses.
public struct IAMActivity: Sendable, Hashable {
    public var accountID: String
    /// The user's (or, with roles, the role's) unique id.
    public var principalID: String
    public var principalARN: String
    /// The service prefix, lowercased (`iam`, `ec2`).
    public var service: String
    /// The action name as the API spells it (`ListUsers`).
    public var action: String
    public var region: String
    public var at: Int64
    public init(accountID: String, principalID: String, principalARN: String, service: String, action: String, region: String,
                at: Int64) {
        self.accountID = accountID
        self.principalID = principalID
        self.principalARN = principalARN
        self.service = service
        self.action = action
        self.region = region
        self.at = at
    }
}

/// An account's credential report: the CSV text (no secrets in it) and when it was generated.
public struct IAMCredentialReport: Sendable, Hashable {
    public var accountID: String
    public var generatedAt: Int64
    public var content: String
    public init(accountID: String, generatedAt: Int64, content: String) {
        self.accountID = accountID
        self.generatedAt = generatedAt
        self.content = content
    }
}

/// A GenerateServiceLastAccessedDetails job: whose report, on which entity, at which granularity.
public struct IAMAccessReportJob: Sendable, Hashable {
    public var id: String
    public var accountID: String
    /// Who generated it: only the same principal may read it (as AWS documents).
    public var requesterARN: String
    public var entityARN: String
    /// `SERVICE_LEVEL` or `ACTION_LEVEL`.
    public var granularity: String
    public var createdAt: Int64
    public init(id: String, accountID: String, requesterARN: String, entityARN: String, granularity: String, createdAt: Int64) {
        self.id = id
        self.accountID = accountID
        self.requesterARN = requesterARN
        self.entityARN = entityARN
        self.granularity = granularity
        self.createdAt = createdAt
    }
}
