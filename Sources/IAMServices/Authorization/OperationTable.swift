/// The one table that says what every operation is authorized as. The switch is exhaustive:
/// an operation cannot be added without deciding its action and resource.
enum OperationTable {
    static func spec(for operation: APIOperation) -> AuthorizationSpec {
        let user = ResourceSpec.user(parameter: "UserName", defaultsToCaller: false)
        let userOrCaller = ResourceSpec.user(parameter: "UserName", defaultsToCaller: true)
        let group = ResourceSpec.group(parameter: "GroupName")
        let policy = ResourceSpec.policy(parameter: "PolicyArn")
        let policyKey = [(key: "iam:PolicyARN", parameter: "PolicyArn")]
        let action = "iam:" + operation.rawValue
        switch operation {
        case .createUser:
            return AuthorizationSpec(action: action, resource: .newUser,
                                     parameterKeys: [("iam:PermissionsBoundary", "PermissionsBoundary")], carriesTags: true)
        case .getUser, .listUserTags, .listAccessKeys, .createAccessKey, .updateAccessKey, .deleteAccessKey,
             .listGroupsForUser, .listAttachedUserPolicies, .listUserPolicies:
            return AuthorizationSpec(action: action, resource: operation == .getUser || operation == .listAccessKeys
                                        || operation == .createAccessKey || operation == .updateAccessKey
                                        || operation == .deleteAccessKey ? userOrCaller : user)
        case .updateUser, .deleteUser, .getUserPolicy, .deleteUserPolicy, .putUserPolicy,
             .deleteUserPermissionsBoundary:
            return AuthorizationSpec(action: action, resource: user)
        case .tagUser:
            return AuthorizationSpec(action: action, resource: user, carriesTags: true)
        case .untagUser:
            return AuthorizationSpec(action: action, resource: user, removesTagKeys: true)
        case .putUserPermissionsBoundary:
            return AuthorizationSpec(action: action, resource: user,
                                     parameterKeys: [("iam:PermissionsBoundary", "PermissionsBoundary")])
        case .attachUserPolicy, .detachUserPolicy:
            return AuthorizationSpec(action: action, resource: user, parameterKeys: policyKey)
        case .addUserToGroup, .removeUserFromGroup, .getGroup, .updateGroup, .deleteGroup, .listAttachedGroupPolicies,
             .putGroupPolicy, .getGroupPolicy, .deleteGroupPolicy, .listGroupPolicies:
            return AuthorizationSpec(action: action, resource: group)
        case .attachGroupPolicy, .detachGroupPolicy:
            return AuthorizationSpec(action: action, resource: group, parameterKeys: policyKey)
        case .createGroup:
            return AuthorizationSpec(action: action, resource: .newGroup)
        case .createPolicy:
            return AuthorizationSpec(action: action, resource: .newPolicy, carriesTags: true)
        case .getPolicy, .deletePolicy, .createPolicyVersion, .getPolicyVersion, .listPolicyVersions,
             .deletePolicyVersion, .setDefaultPolicyVersion, .listPolicyTags, .listEntitiesForPolicy:
            return AuthorizationSpec(action: action, resource: policy)
        case .tagPolicy:
            return AuthorizationSpec(action: action, resource: policy, carriesTags: true)
        case .untagPolicy:
            return AuthorizationSpec(action: action, resource: policy, removesTagKeys: true)
        case .listUsers:
            return AuthorizationSpec(action: action, resource: .listing("user/"))
        case .listGroups:
            return AuthorizationSpec(action: action, resource: .listing("group/"))
        case .listPolicies:
            return AuthorizationSpec(action: action, resource: .listing("policy/"))
        case .getAccountAuthorizationDetails, .getAccountSummary, .createAccountAlias, .deleteAccountAlias,
             .listAccountAliases, .getAccessKeyLastUsed:
            return AuthorizationSpec(action: action, resource: .any)
        case .createLoginProfile, .getLoginProfile, .updateLoginProfile, .deleteLoginProfile, .deactivateMFADevice,
             .getMFADevice, .listMFADevices, .uploadSigningCertificate, .listSigningCertificates,
             .updateSigningCertificate, .deleteSigningCertificate, .uploadSSHPublicKey, .getSSHPublicKey,
             .listSSHPublicKeys, .updateSSHPublicKey, .deleteSSHPublicKey, .createServiceSpecificCredential,
             .listServiceSpecificCredentials, .updateServiceSpecificCredential, .resetServiceSpecificCredential,
             .deleteServiceSpecificCredential:
            return AuthorizationSpec(action: action, resource: userOrCaller)
        case .enableMFADevice, .resyncMFADevice:
            return AuthorizationSpec(action: action, resource: user)
        case .changePassword:
            return AuthorizationSpec(action: action, resource: .caller, grantedByPasswordPolicy: true)
        case .getAccountPasswordPolicy:
            return AuthorizationSpec(action: action, resource: .any, grantedByPasswordPolicy: true)
        case .updateAccountPasswordPolicy, .deleteAccountPasswordPolicy, .listVirtualMFADevices:
            return AuthorizationSpec(action: action, resource: .any)
        case .createVirtualMFADevice:
            return AuthorizationSpec(action: action, resource: .newMFADevice, carriesTags: true)
        case .deleteVirtualMFADevice, .listMFADeviceTags:
            return AuthorizationSpec(action: action, resource: .mfaDevice(parameter: "SerialNumber"))
        case .tagMFADevice:
            return AuthorizationSpec(action: action, resource: .mfaDevice(parameter: "SerialNumber"), carriesTags: true)
        case .untagMFADevice:
            return AuthorizationSpec(action: action, resource: .mfaDevice(parameter: "SerialNumber"), removesTagKeys: true)
        case .decodeAuthorizationMessage:
            // Authorized as sts:DecodeAuthorizationMessage by WardenAPI (the table's actions are iam:).
            return AuthorizationSpec(action: nil, resource: .any)
        case .getCallerIdentity, .getSessionToken:
            // No permission needed; an explicit Deny does not block them (iam-facts §5).
            return AuthorizationSpec(action: nil, resource: .any)
        }
    }
}
