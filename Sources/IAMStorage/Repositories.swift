public import IAMModel

/// Accounts and their alias.
public protocol AccountRepository: Sendable {
    func accounts() async throws -> [IAMAccount]
    func account(id: String) async throws -> IAMAccount?
    func createAccount(_ account: IAMAccount) async throws
    /// Sets or clears the alias; `conflict("alias")` when another account has it.
    func setAccountAlias(accountID: String, alias: String?) async throws
    /// Entity counts for GetAccountSummary (`Users`, `Groups`, `Policies`, ...).
    func entityCounts(accountID: String) async throws -> [String: Int]
}

public protocol UserRepository: Sendable {
    /// `conflict("user-name")` when the name exists in the account (case-insensitively).
    func createUser(_ user: IAMUser) async throws
    func user(accountID: String, name: String) async throws -> IAMUser?
    func user(id: String) async throws -> IAMUser?
    /// Users whose path starts with `pathPrefix`, ordered by name.
    func users(accountID: String, pathPrefix: String) async throws -> [IAMUser]
    func updateUser(id: String, name: String, path: String) async throws
    func deleteUser(id: String) async throws
    func setUserTags(id: String, tags: [IAMTag]) async throws
    func setUserPermissionsBoundary(id: String, policyARN: String?) async throws
}

public protocol GroupRepository: Sendable {
    func createGroup(_ group: IAMGroup) async throws
    func group(accountID: String, name: String) async throws -> IAMGroup?
    func group(id: String) async throws -> IAMGroup?
    func groups(accountID: String, pathPrefix: String) async throws -> [IAMGroup]
    func updateGroup(id: String, name: String, path: String) async throws
    func deleteGroup(id: String) async throws
    /// Idempotent: adding a member twice is fine.
    func addMember(groupID: String, userID: String) async throws
    func removeMember(groupID: String, userID: String) async throws
    func members(groupID: String) async throws -> [IAMUser]
    func groupsForUser(userID: String) async throws -> [IAMGroup]
}

public protocol PolicyRepository: Sendable {
    /// `conflict("policy-name")` when a customer managed policy of that name exists.
    func createPolicy(_ policy: IAMManagedPolicy, document: String) async throws
    func policy(accountID: String, name: String) async throws -> IAMManagedPolicy?
    func policies(accountID: String) async throws -> [IAMManagedPolicy]
    func deletePolicy(id: String) async throws
    func versions(policyID: String) async throws -> [IAMPolicyVersion]
    /// Adds the next version (`v2`, `v3`, ...) and returns its id.
    /// With `limit`, refuses (`limitExceeded("versions-per-policy")`) when the policy already has that many versions.
    func addVersion(policyID: String, document: String, setAsDefault: Bool, at time: Int64, limit: Int?) async throws -> String
    func deleteVersion(policyID: String, versionID: String) async throws
    func setDefaultVersion(policyID: String, versionID: String, at time: Int64) async throws
    func setPolicyTags(id: String, tags: [IAMTag]) async throws

    func attach(_ principal: IAMPrincipalRef, policyARN: String, at time: Int64) async throws
    func detach(_ principal: IAMPrincipalRef, policyARN: String) async throws
    /// Attached policy ARNs in attachment order.
    func attachedPolicies(_ principal: IAMPrincipalRef) async throws -> [String]
    func attachmentCount(policyARN: String) async throws -> Int
    /// How many entities each attached policy ARN is attached to.
    func attachmentCounts() async throws -> [String: Int]
    func entities(policyARN: String) async throws -> [IAMPrincipalRef]

    func putInlinePolicy(_ principal: IAMPrincipalRef, _ policy: IAMInlinePolicy) async throws
    func inlinePolicies(_ principal: IAMPrincipalRef) async throws -> [IAMInlinePolicy]
    func deleteInlinePolicy(_ principal: IAMPrincipalRef, name: String) async throws
}

public protocol CredentialRepository: Sendable {
    /// With `limit`, refuses (`limitExceeded("access-keys-per-user")`) when the owner already has that many
    /// keys, checked in the same transaction as the insert (two nodes cannot both add the last one).
    func createAccessKey(_ key: IAMAccessKey, limit: Int?) async throws
    func accessKey(id: String) async throws -> IAMAccessKey?
    /// Keys of a user, or the root keys of an account when `userID` is nil.
    func accessKeys(accountID: String, userID: String?) async throws -> [IAMAccessKey]
    func setAccessKeyStatus(id: String, status: IAMAccessKeyStatus) async throws
    func deleteAccessKey(id: String) async throws
    func recordAccessKeyUse(id: String, at time: Int64, service: String, region: String) async throws

    func createSession(_ session: IAMSessionCredential) async throws
    func session(accessKeyID: String) async throws -> IAMSessionCredential?
    func deleteExpiredSessions(before time: Int64) async throws
}

/// Everything Warden stores. Implementations: `SQLStorage` (file or in-memory).
public protocol IAMStore: AccountRepository, UserRepository, GroupRepository, PolicyRepository, CredentialRepository,
    PasswordRepository, MFARepository, UploadedCredentialRepository, EC2Repository, ConsoleRepository,
    RoleRepository, ProviderRepository, ServerCertificateRepository, ActivityRepository, StandaloneAccountRepository, ClusterRepository,
    AuditRepository {
    /// Deletes every row (the `--ephemeral` reset).
    func reset() async throws
    /// Answers a trivial query, or throws when the store cannot be reached (`/readyz`).
    func ping() async throws
    /// Ends the store's connections (PostgreSQL); nothing may use the store afterwards.
    func close() async
}

extension CredentialRepository {
    public func createAccessKey(_ key: IAMAccessKey) async throws {
        try await createAccessKey(key, limit: nil)
    }
}

extension PolicyRepository {
    public func addVersion(policyID: String, document: String, setAsDefault: Bool, at time: Int64) async throws -> String {
        try await addVersion(policyID: policyID, document: document, setAsDefault: setAsDefault, at: time, limit: nil)
    }
}
