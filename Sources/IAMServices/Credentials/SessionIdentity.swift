public import IAMModel

/// What temporary credentials stand for beyond their account: an assumed role's session or a
/// federated user (GetFederationToken), with the session's own policies and tags.
public struct SessionIdentity: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case assumedRole(roleID: String, roleName: String, rolePath: String)
        /// GetFederationToken: the IAM user who asked is `Caller.user`.
        case federatedUser
    }

    public var kind: Kind
    /// The role session name, or the federated user's name.
    public var name: String
    /// Inline session policy documents (`Policy`).
    public var policyDocuments: [String]
    /// Managed session policies (`PolicyArns`).
    public var policyARNs: [String]
    public var tags: [IAMTag]
    public var transitiveTagKeys: [String]
    public var sourceIdentity: String?
    /// The role's own tags (read when the credentials are resolved); session tags win over them.
    public var roleTags: [IAMTag] = []

    public init(kind: Kind, name: String, policyDocuments: [String] = [], policyARNs: [String] = [], tags: [IAMTag] = [],
                transitiveTagKeys: [String] = [], sourceIdentity: String? = nil) {
        self.kind = kind
        self.name = name
        self.policyDocuments = policyDocuments
        self.policyARNs = policyARNs
        self.tags = tags
        self.transitiveTagKeys = transitiveTagKeys
        self.sourceIdentity = sourceIdentity
    }

    var hasSessionPolicies: Bool { !policyDocuments.isEmpty || !policyARNs.isEmpty }

    /// `aws:PrincipalTag/*`: the role's tags, then the session's tags over them.
    var principalTags: [IAMTag] {
        var merged: [String: IAMTag] = [:]
        for tag in roleTags + tags { merged[tag.key.lowercased()] = tag }
        return merged.values.sorted { $0.key < $1.key }
    }
}
