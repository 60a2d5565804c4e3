/// An IAM role: a trust policy that says who may assume it, and identity policies (inline and
/// attached) that say what its sessions may do.
public struct IAMRole: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var name: String
    public var path: String
    /// The trust policy as given (IAM returns it URL-encoded).
    public var trustPolicy: String
    public var description: String?
    /// Seconds, 3600...43200.
    public var maxSessionDuration: Int
    public var createdAt: Int64
    public var permissionsBoundaryARN: String?
    public var tags: [IAMTag]
    /// When and where a session of the role last made a request (`RoleLastUsed`).
    public var lastUsedAt: Int64?
    public var lastUsedRegion: String?
    /// For a service-linked role: the service principal it is linked to (`ecs.amazonaws.com`).
    public var linkedService: String?

    public static let defaultMaxSessionDuration = 3_600

    public init(id: String, accountID: String, name: String, path: String, trustPolicy: String, description: String? = nil,
                maxSessionDuration: Int = IAMRole.defaultMaxSessionDuration, createdAt: Int64,
                permissionsBoundaryARN: String? = nil, tags: [IAMTag] = [], lastUsedAt: Int64? = nil,
                lastUsedRegion: String? = nil, linkedService: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.path = path
        self.trustPolicy = trustPolicy
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.createdAt = createdAt
        self.permissionsBoundaryARN = permissionsBoundaryARN
        self.tags = tags
        self.lastUsedAt = lastUsedAt
        self.lastUsedRegion = lastUsedRegion
        self.linkedService = linkedService
    }

    public var arn: String { IAMARN.role(accountID, path: path, name: name) }
    /// Service-linked roles are modifiable only by their service (UnmodifiableEntity).
    public var isServiceLinked: Bool { linkedService != nil }
}
