import AWSQuery
import IAMModel
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations for roles, instance profiles and service-linked roles. Authorization already happened in `Authorizer`.
struct RoleHandlers: HandlerFamily {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let now: @Sendable () -> Int64

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        switch operation {
        case .createRole: return try await createRole(p, caller)
        case .getRole: return try await getRole(p, caller)
        case .listRoles: return try await listRoles(p, caller)
        case .updateRole: return try await updateRole(p, caller)
        case .updateRoleDescription: return try await updateRoleDescription(p, caller)
        case .updateAssumeRolePolicy: return try await updateAssumeRolePolicy(p, caller)
        case .deleteRole: return try await deleteRole(p, caller)
        case .tagRole: return try await tagRole(p, caller)
        case .untagRole: return try await untagRole(p, caller)
        case .listRoleTags: return try await listRoleTags(p, caller)
        case .putRolePermissionsBoundary: return try await putRolePermissionsBoundary(p, caller)
        case .deleteRolePermissionsBoundary: return try await deleteRolePermissionsBoundary(p, caller)
        case .attachRolePolicy: return try await attachPolicy(p, caller, to: try await holder(p, caller, modifying: true))
        case .detachRolePolicy: return try await detachPolicy(p, caller, from: try await holder(p, caller, modifying: true))
        case .listAttachedRolePolicies: return try await listAttachedPolicies(p, of: try await holder(p, caller, modifying: false))
        case .putRolePolicy: return try await putInlinePolicy(p, of: try await holder(p, caller, modifying: true))
        case .getRolePolicy: return try await getInlinePolicy(p, of: try await holder(p, caller, modifying: false))
        case .deleteRolePolicy: return try await deleteInlinePolicy(p, of: try await holder(p, caller, modifying: true))
        case .listRolePolicies: return try await listInlinePolicies(p, of: try await holder(p, caller, modifying: false))
        case .createServiceLinkedRole: return try await createServiceLinkedRole(p, caller)
        case .deleteServiceLinkedRole: return try await deleteServiceLinkedRole(p, caller)
        case .getServiceLinkedRoleDeletionStatus: return try await getServiceLinkedRoleDeletionStatus(p, caller)
        case .createInstanceProfile: return try await createInstanceProfile(p, caller)
        case .getInstanceProfile: return try await getInstanceProfile(p, caller)
        case .listInstanceProfiles: return try await listInstanceProfiles(p, caller)
        case .deleteInstanceProfile: return try await deleteInstanceProfile(p, caller)
        case .addRoleToInstanceProfile: return try await addRoleToInstanceProfile(p, caller)
        case .removeRoleFromInstanceProfile: return try await removeRoleFromInstanceProfile(p, caller)
        case .listInstanceProfilesForRole: return try await listInstanceProfilesForRole(p, caller)
        case .tagInstanceProfile: return try await tagInstanceProfile(p, caller)
        case .untagInstanceProfile: return try await untagInstanceProfile(p, caller)
        case .listInstanceProfileTags: return try await listInstanceProfileTags(p, caller)
        default:
            // Served by the other families (see `OperationFamily`).
            throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    // MARK: Lookups shared by the handlers

    /// `RoleName` (1–64, `[\w+=,.@-]+`) naming an existing role of the caller's account.
    func existingRole(_ p: QueryParameters, _ caller: Caller, parameter: String = "RoleName") async throws -> IAMRole {
        let name = try p.name(parameter, maxLength: 64)
        guard let role = try await store.role(accountID: caller.accountID, name: name) else {
            throw AWSServiceError.noSuchEntity("The role with name \(name) cannot be found.")
        }
        return role
    }

    /// An existing role that the caller may change: service-linked roles belong to their service.
    func modifiableRole(_ p: QueryParameters, _ caller: Caller) async throws -> IAMRole {
        let role = try await existingRole(p, caller)
        if role.isServiceLinked { throw AWSServiceError.unmodifiableEntity(protectedRole: role.name) }
        return role
    }

    /// The role of a *RolePolicy operation as a policy holder.
    func holder(_ p: QueryParameters, _ caller: Caller, modifying: Bool) async throws -> PolicyHolder {
        let role = modifying ? try await modifiableRole(p, caller) : try await existingRole(p, caller)
        return PolicyHolder(ref: .role(role.id), name: role.name, kind: .role)
    }

    /// `InstanceProfileName` (1–128, `[\w+=,.@-]+`) naming an existing instance profile.
    func existingProfile(_ p: QueryParameters, _ caller: Caller) async throws -> IAMInstanceProfile {
        let name = try p.name("InstanceProfileName", maxLength: 128)
        guard let profile = try await store.instanceProfile(accountID: caller.accountID, name: name) else {
            throw AWSServiceError.noSuchEntity("Instance Profile \(name) cannot be found.")
        }
        return profile
    }

    /// `Description`: at most 1,000 characters of `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`; empty means none.
    func roleDescription(_ p: QueryParameters) throws -> String? {
        guard let text = p["Description"] else { return nil }
        if text.count > 1_000 {
            throw AWSServiceError.validationError(IAMNames.violation(text, at: "description",
                                                                     "Member must have length less than or equal to 1000"))
        }
        let allowed = text.unicodeScalars.allSatisfy { c in
            c == "\t" || c == "\n" || c == "\r" || (0x20...0x7E).contains(c.value) || (0xA1...0xFF).contains(c.value)
        }
        guard allowed else {
            throw AWSServiceError.validationError(IAMNames.violation(text, at: "description",
                "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"))
        }
        return text.isEmpty ? nil : text
    }

    /// `MaxSessionDuration`: 3,600–43,200 seconds.
    func maxSessionDuration(_ p: QueryParameters) throws -> Int? {
        guard let value = try p.int("MaxSessionDuration") else { return nil }
        if value < 3_600 {
            throw AWSServiceError.validationError(IAMNames.violation(String(value), at: "maxSessionDuration",
                                                                     "Member must have value greater than or equal to 3600"))
        }
        if value > 43_200 {
            throw AWSServiceError.validationError(IAMNames.violation(String(value), at: "maxSessionDuration",
                                                                     "Member must have value less than or equal to 43200"))
        }
        return value
    }
}

extension AWSServiceError {
    /// A service-linked role: only its service may change it.
    static func unmodifiableEntity(protectedRole name: String) -> Self {
        .init("UnmodifiableEntity", "Cannot perform the operation on the protected role '\(name)' - this role is only modifiable by AWS",
              status: 400)
    }
}
