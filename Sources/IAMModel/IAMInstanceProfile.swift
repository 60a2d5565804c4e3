/// An instance profile: the container that passes one role to an EC2 instance.
public struct IAMInstanceProfile: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var name: String
    public var path: String
    public var createdAt: Int64
    public var tags: [IAMTag]
    /// The role it holds (AWS allows at most one), as stored when the profile was read.
    public var roles: [IAMRole]

    public init(id: String, accountID: String, name: String, path: String, createdAt: Int64, tags: [IAMTag] = [],
                roles: [IAMRole] = []) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.path = path
        self.createdAt = createdAt
        self.tags = tags
        self.roles = roles
    }

    public var arn: String { IAMARN.instanceProfile(accountID, path: path, name: name) }
}
