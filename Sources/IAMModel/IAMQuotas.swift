/// AWS's default IAM quotas (iam-facts §4.4, §2.2).
public enum IAMQuotas {
    public static let users = 5_000
    public static let groups = 300
    public static let customerManagedPolicies = 1_500
    public static let groupsPerUser = 10
    public static let managedPoliciesPerUser = 10
    public static let managedPoliciesPerGroup = 10
    public static let accessKeysPerUser = 2
    public static let versionsPerPolicy = 5
    public static let tagsPerResource = 50
    public static let policySize = 6_144
    public static let userInlinePolicySize = 2_048
    public static let groupInlinePolicySize = 5_120
    public static let roleInlinePolicySize = 10_240
    public static let assumeRolePolicySize = 2_048
    public static let policyVersionsInUse = 10_000
    public static let signingCertificatesPerUser = 2
    public static let serverCertificates = 20
    public static let roles = 1_000
    public static let instanceProfiles = 1_000
    public static let managedPoliciesPerRole = 10
}
