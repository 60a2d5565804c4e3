public import IAMModel

/// Roles, their policies, instance profiles and service-linked role deletion tasks. A role's inline
/// and attached policies go through `PolicyRepository` with `IAMPrincipalRef.role(id)`.
public protocol RoleRepository: Sendable {
    /// `conflict("role-name")` when the name exists in the account (case-insensitively).
    func createRole(_ role: IAMRole) async throws
    /// By name, case-insensitively.
    func role(accountID: String, name: String) async throws -> IAMRole?
    func role(id: String) async throws -> IAMRole?
    /// Roles whose path starts with `pathPrefix`, ordered by name.
    func roles(accountID: String, pathPrefix: String) async throws -> [IAMRole]
    func updateRole(id: String, description: String?, maxSessionDuration: Int) async throws
    func setTrustPolicy(roleID: String, document: String) async throws
    func setRoleTags(id: String, tags: [IAMTag]) async throws
    func setRolePermissionsBoundary(id: String, policyARN: String?) async throws
    /// Deletes the role with its tags, attached and inline policies and instance profile memberships
    /// (DeleteRole refuses roles with dependents before calling this; DeleteServiceLinkedRole does not).
    func deleteRole(id: String) async throws
    /// `RoleLastUsed`: a session of the role made a request.
    func recordRoleUse(roleID: String, at time: Int64, region: String) async throws

    /// `conflict("instance-profile-name")` when the name exists in the account (case-insensitively).
    func createInstanceProfile(_ profile: IAMInstanceProfile) async throws
    func instanceProfile(accountID: String, name: String) async throws -> IAMInstanceProfile?
    /// Profiles whose path starts with `pathPrefix`, ordered by name, each with its role.
    func instanceProfiles(accountID: String, pathPrefix: String) async throws -> [IAMInstanceProfile]
    /// The profiles that hold the role, ordered by name.
    func instanceProfiles(roleID: String) async throws -> [IAMInstanceProfile]
    func deleteInstanceProfile(id: String) async throws
    func setInstanceProfileTags(id: String, tags: [IAMTag]) async throws
    /// Puts the role in the profile unless the profile already holds a role (then returns false:
    /// a profile holds at most one). Checked and written in one transaction.
    func addRole(_ roleID: String, toInstanceProfile profileID: String) async throws -> Bool
    func removeRole(_ roleID: String, fromInstanceProfile profileID: String) async throws

    func createDeletionTask(_ task: IAMRoleDeletionTask) async throws
    func deletionTask(id: String) async throws -> IAMRoleDeletionTask?
}
