/// The kinds of policy document, which differ in required elements and size quotas.
public enum PolicyType: String, Sendable, Hashable, CaseIterable {
    /// A customer managed policy (each version) or an inline identity policy.
    case identity
    /// A resource-based policy (bucket policy, key policy, ...).
    case resource
    /// A role's trust policy (`AssumeRolePolicyDocument`).
    case trust
    /// A managed policy used as a permissions boundary.
    case boundary
    /// A session policy passed to AssumeRole / GetFederationToken.
    case session

    /// The quota in non-whitespace characters (iam-facts §2.2) and how AWS names it.
    public var sizeQuota: (limit: Int, name: String) {
        switch self {
        case .identity, .boundary: (6_144, "PolicySize")
        case .trust: (2_048, "ACLSizePerRole")
        case .session: (2_048, "PackedPolicySize")
        case .resource: (20_480, "ResourcePolicySize")
        }
    }

    /// Identity-style policies: no Principal, Resource required, Version 2012-10-17 required.
    var isIdentityStyle: Bool { self == .identity || self == .boundary || self == .session }
}
