import AWSQuery
import IAMModel
import IAMPolicy
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations. Each handler validates its input, does its work through the store, and
/// returns the inner XML of its `...Result` element (nil for operations without output).
/// Authorization already happened in `Authorizer`.
struct IAMHandlers: HandlerFamily {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let mfa: MFAVerifier
    let users: UserLookup
    let now: @Sendable () -> Int64

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        switch operation {
        case .createUser: return try await createUser(p, caller)
        case .getUser: return try await getUser(p, caller)
        case .listUsers: return try await listUsers(p, caller)
        case .updateUser: return try await updateUser(p, caller)
        case .deleteUser: return try await deleteUser(p, caller)
        case .tagUser: return try await tagUser(p, caller)
        case .untagUser: return try await untagUser(p, caller)
        case .listUserTags: return try await listUserTags(p, caller)
        case .putUserPermissionsBoundary: return try await putUserPermissionsBoundary(p, caller)
        case .deleteUserPermissionsBoundary: return try await deleteUserPermissionsBoundary(p, caller)
        case .createGroup: return try await createGroup(p, caller)
        case .getGroup: return try await getGroup(p, caller)
        case .listGroups: return try await listGroups(p, caller)
        case .updateGroup: return try await updateGroup(p, caller)
        case .deleteGroup: return try await deleteGroup(p, caller)
        case .addUserToGroup: return try await addUserToGroup(p, caller)
        case .removeUserFromGroup: return try await removeUserFromGroup(p, caller)
        case .listGroupsForUser: return try await listGroupsForUser(p, caller)
        case .createPolicy: return try await createPolicy(p, caller)
        case .getPolicy: return try await getPolicy(p, caller)
        case .listPolicies: return try await listPolicies(p, caller)
        case .deletePolicy: return try await deletePolicy(p, caller)
        case .createPolicyVersion: return try await createPolicyVersion(p, caller)
        case .getPolicyVersion: return try await getPolicyVersion(p, caller)
        case .listPolicyVersions: return try await listPolicyVersions(p, caller)
        case .deletePolicyVersion: return try await deletePolicyVersion(p, caller)
        case .setDefaultPolicyVersion: return try await setDefaultPolicyVersion(p, caller)
        case .tagPolicy: return try await tagPolicy(p, caller)
        case .untagPolicy: return try await untagPolicy(p, caller)
        case .listPolicyTags: return try await listPolicyTags(p, caller)
        case .attachUserPolicy: return try await attach(p, caller, toGroup: false)
        case .detachUserPolicy: return try await detach(p, caller, fromGroup: false)
        case .listAttachedUserPolicies: return try await listAttached(p, caller, group: false)
        case .attachGroupPolicy: return try await attach(p, caller, toGroup: true)
        case .detachGroupPolicy: return try await detach(p, caller, fromGroup: true)
        case .listAttachedGroupPolicies: return try await listAttached(p, caller, group: true)
        case .listEntitiesForPolicy: return try await listEntitiesForPolicy(p, caller)
        case .putUserPolicy: return try await putInline(p, caller, group: false)
        case .getUserPolicy: return try await getInline(p, caller, group: false)
        case .deleteUserPolicy: return try await deleteInline(p, caller, group: false)
        case .listUserPolicies: return try await listInline(p, caller, group: false)
        case .putGroupPolicy: return try await putInline(p, caller, group: true)
        case .getGroupPolicy: return try await getInline(p, caller, group: true)
        case .deleteGroupPolicy: return try await deleteInline(p, caller, group: true)
        case .listGroupPolicies: return try await listInline(p, caller, group: true)
        case .getAccountAuthorizationDetails: return try await getAccountAuthorizationDetails(p, caller)
        case .getAccountSummary: return try await getAccountSummary(p, caller)
        case .createAccountAlias: return try await createAccountAlias(p, caller)
        case .deleteAccountAlias: return try await deleteAccountAlias(p, caller)
        case .listAccountAliases: return try await listAccountAliases(p, caller)
        case .createAccessKey: return try await createAccessKey(p, caller)
        case .listAccessKeys: return try await listAccessKeys(p, caller)
        case .updateAccessKey: return try await updateAccessKey(p, caller)
        case .deleteAccessKey: return try await deleteAccessKey(p, caller)
        case .getAccessKeyLastUsed: return try await getAccessKeyLastUsed(p, caller)
        case .createLoginProfile: return try await createLoginProfile(p, caller)
        case .getLoginProfile: return try await getLoginProfile(p, caller)
        case .updateLoginProfile: return try await updateLoginProfile(p, caller)
        case .deleteLoginProfile: return try await deleteLoginProfile(p, caller)
        case .changePassword: return try await changePassword(p, caller)
        case .updateAccountPasswordPolicy: return try await updateAccountPasswordPolicy(p, caller)
        case .getAccountPasswordPolicy: return try await getAccountPasswordPolicy(p, caller)
        case .deleteAccountPasswordPolicy: return try await deleteAccountPasswordPolicy(p, caller)
        case .createVirtualMFADevice: return try await createVirtualMFADevice(p, caller)
        case .enableMFADevice: return try await enableMFADevice(p, caller)
        case .resyncMFADevice: return try await resyncMFADevice(p, caller)
        case .deactivateMFADevice: return try await deactivateMFADevice(p, caller)
        case .deleteVirtualMFADevice: return try await deleteVirtualMFADevice(p, caller)
        case .getMFADevice: return try await getMFADevice(p, caller)
        case .listMFADevices: return try await listMFADevices(p, caller)
        case .listVirtualMFADevices: return try await listVirtualMFADevices(p, caller)
        case .tagMFADevice: return try await tagMFADevice(p, caller)
        case .untagMFADevice: return try await untagMFADevice(p, caller)
        case .listMFADeviceTags: return try await listMFADeviceTags(p, caller)
        case .uploadSigningCertificate: return try await uploadSigningCertificate(p, caller)
        case .listSigningCertificates: return try await listSigningCertificates(p, caller)
        case .updateSigningCertificate: return try await updateSigningCertificate(p, caller)
        case .deleteSigningCertificate: return try await deleteSigningCertificate(p, caller)
        case .uploadSSHPublicKey: return try await uploadSSHPublicKey(p, caller)
        case .getSSHPublicKey: return try await getSSHPublicKey(p, caller)
        case .listSSHPublicKeys: return try await listSSHPublicKeys(p, caller)
        case .updateSSHPublicKey: return try await updateSSHPublicKey(p, caller)
        case .deleteSSHPublicKey: return try await deleteSSHPublicKey(p, caller)
        case .createServiceSpecificCredential: return try await createServiceSpecificCredential(p, caller)
        case .listServiceSpecificCredentials: return try await listServiceSpecificCredentials(p, caller)
        case .updateServiceSpecificCredential: return try await updateServiceSpecificCredential(p, caller)
        case .resetServiceSpecificCredential: return try await resetServiceSpecificCredential(p, caller)
        case .deleteServiceSpecificCredential: return try await deleteServiceSpecificCredential(p, caller)
        default:
            // Served by the other families (see `OperationFamily`).
            throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    // MARK: Lookups shared by the handlers

    func existingUser(_ name: String, _ caller: Caller) async throws -> IAMUser {
        guard let user = try await users.user(accountID: caller.accountID, name: name) else {
            throw AWSServiceError.noSuchEntity("The user with name \(name) cannot be found.")
        }
        return user
    }

    /// `UserName` when given, else the calling user (root has no user: NoSuchEntity like AWS's
    /// ValidationError for root callers would be; AWS answers root with the root's keys where
    /// that makes sense, see access keys).
    func targetUser(_ p: QueryParameters, _ caller: Caller) async throws -> IAMUser? {
        if let name = p["UserName"] {
            if let problem = IAMNames.checkName(name, field: "userName", maxLength: 128) {
                throw AWSServiceError.validationError(problem)
            }
            return try await existingUser(name, caller)
        }
        return caller.user
    }

    func existingGroup(_ name: String, _ caller: Caller) async throws -> IAMGroup {
        guard let group = try await store.group(accountID: caller.accountID, name: name) else {
            throw AWSServiceError.noSuchEntity("The group with name \(name) cannot be found.")
        }
        return group
    }
}
