/// The one table that says what every operation is authorized as. The switch is exhaustive:
/// an operation cannot be added without deciding its action and resource.
enum OperationTable {
    static func spec(for operation: APIOperation) -> AuthorizationSpec {
        let user = ResourceSpec.user(parameter: "UserName", defaultsToCaller: false)
        let userOrCaller = ResourceSpec.user(parameter: "UserName", defaultsToCaller: true)
        let group = ResourceSpec.group(parameter: "GroupName")
        let policy = ResourceSpec.policy(parameter: "PolicyArn")
        let policyKey = [(key: "iam:PolicyARN", parameter: "PolicyArn")]
        let action = operation.service.rawValue + ":" + operation.rawValue
        let role = ResourceSpec.role(parameter: "RoleName")
        let profile = ResourceSpec.instanceProfile(parameter: "InstanceProfileName")
        let oidc = ResourceSpec.arnParameter("OpenIDConnectProviderArn")
        let saml = ResourceSpec.samlProvider(parameter: "SAMLProviderArn")
        let certificate = ResourceSpec.serverCertificate(parameter: "ServerCertificateName")
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
        // Roles
        case .createRole:
            return AuthorizationSpec(action: action, resource: .newRole,
                                     parameterKeys: [("iam:PermissionsBoundary", "PermissionsBoundary")], carriesTags: true)
        case .getRole, .updateRole, .updateRoleDescription, .updateAssumeRolePolicy, .deleteRole, .listRoleTags,
             .listAttachedRolePolicies, .putRolePolicy, .getRolePolicy, .deleteRolePolicy, .listRolePolicies,
             .deleteRolePermissionsBoundary, .listInstanceProfilesForRole, .deleteServiceLinkedRole:
            return AuthorizationSpec(action: action, resource: role)
        case .tagRole:
            return AuthorizationSpec(action: action, resource: role, carriesTags: true)
        case .untagRole:
            return AuthorizationSpec(action: action, resource: role, removesTagKeys: true)
        case .attachRolePolicy, .detachRolePolicy:
            return AuthorizationSpec(action: action, resource: role, parameterKeys: policyKey)
        case .putRolePermissionsBoundary:
            return AuthorizationSpec(action: action, resource: role,
                                     parameterKeys: [("iam:PermissionsBoundary", "PermissionsBoundary")])
        case .listRoles:
            return AuthorizationSpec(action: action, resource: .listing("role/"))
        case .createServiceLinkedRole:
            return AuthorizationSpec(action: action, resource: .newServiceLinkedRole,
                                     parameterKeys: [("iam:AWSServiceName", "AWSServiceName")])
        case .getServiceLinkedRoleDeletionStatus:
            return AuthorizationSpec(action: action, resource: .any)
        // Instance profiles
        case .createInstanceProfile:
            return AuthorizationSpec(action: action, resource: .newInstanceProfile, carriesTags: true)
        case .getInstanceProfile, .deleteInstanceProfile, .addRoleToInstanceProfile, .removeRoleFromInstanceProfile,
             .listInstanceProfileTags:
            return AuthorizationSpec(action: action, resource: profile)
        case .tagInstanceProfile:
            return AuthorizationSpec(action: action, resource: profile, carriesTags: true)
        case .untagInstanceProfile:
            return AuthorizationSpec(action: action, resource: profile, removesTagKeys: true)
        case .listInstanceProfiles:
            return AuthorizationSpec(action: action, resource: .listing("instance-profile/"))
        // Identity providers
        case .createOpenIDConnectProvider:
            return AuthorizationSpec(action: action, resource: .newOIDCProvider, carriesTags: true)
        case .getOpenIDConnectProvider, .deleteOpenIDConnectProvider, .addClientIDToOpenIDConnectProvider,
             .removeClientIDFromOpenIDConnectProvider, .updateOpenIDConnectProviderThumbprint,
             .listOpenIDConnectProviderTags:
            return AuthorizationSpec(action: action, resource: oidc)
        case .tagOpenIDConnectProvider:
            return AuthorizationSpec(action: action, resource: oidc, carriesTags: true)
        case .untagOpenIDConnectProvider:
            return AuthorizationSpec(action: action, resource: oidc, removesTagKeys: true)
        case .createSAMLProvider:
            return AuthorizationSpec(action: action, resource: .newSAMLProvider, carriesTags: true)
        case .getSAMLProvider, .updateSAMLProvider, .deleteSAMLProvider, .listSAMLProviderTags:
            return AuthorizationSpec(action: action, resource: saml)
        case .tagSAMLProvider:
            return AuthorizationSpec(action: action, resource: saml, carriesTags: true)
        case .untagSAMLProvider:
            return AuthorizationSpec(action: action, resource: saml, removesTagKeys: true)
        case .listOpenIDConnectProviders, .listSAMLProviders:
            return AuthorizationSpec(action: action, resource: .any)
        // Server certificates
        case .uploadServerCertificate:
            return AuthorizationSpec(action: action, resource: .newServerCertificate, carriesTags: true)
        case .getServerCertificate, .updateServerCertificate, .deleteServerCertificate, .listServerCertificateTags:
            return AuthorizationSpec(action: action, resource: certificate)
        case .tagServerCertificate:
            return AuthorizationSpec(action: action, resource: certificate, carriesTags: true)
        case .untagServerCertificate:
            return AuthorizationSpec(action: action, resource: certificate, removesTagKeys: true)
        case .listServerCertificates:
            return AuthorizationSpec(action: action, resource: .listing("server-certificate/"))
        // Reports, access analysis, simulator
        case .generateServiceLastAccessedDetails, .listPoliciesGrantingServiceAccess:
            return AuthorizationSpec(action: action, resource: .arnParameter("Arn"))
        case .getContextKeysForPrincipalPolicy, .simulatePrincipalPolicy:
            return AuthorizationSpec(action: action, resource: .arnParameter("PolicySourceArn"))
        case .generateCredentialReport, .getCredentialReport, .getServiceLastAccessedDetails,
             .getServiceLastAccessedDetailsWithEntities, .getContextKeysForCustomPolicy, .simulateCustomPolicy,
             .getHumanReadableSummary:
            return AuthorizationSpec(action: action, resource: .any)
        // A standalone account's answers
        case .generateOrganizationsAccessReport, .getOrganizationsAccessReport, .listOrganizationsFeatures,
             .enableOrganizationsRootCredentialsManagement, .disableOrganizationsRootCredentialsManagement,
             .enableOrganizationsRootSessions, .disableOrganizationsRootSessions, .createDelegationRequest,
             .getDelegationRequest, .listDelegationRequests, .acceptDelegationRequest, .associateDelegationRequest,
             .rejectDelegationRequest, .updateDelegationRequest, .sendDelegationToken,
             .enableOutboundWebIdentityFederation, .disableOutboundWebIdentityFederation,
             .getOutboundWebIdentityFederationInfo, .setSecurityTokenServicePreferences:
            return AuthorizationSpec(action: action, resource: .any)
        // STS
        case .assumeRole:
            return AuthorizationSpec(action: action, resource: .arnParameter("RoleArn"),
                                     parameterKeys: [("sts:ExternalId", "ExternalId"), ("sts:RoleSessionName", "RoleSessionName"),
                                                     ("sts:SourceIdentity", "SourceIdentity")],
                                     carriesTags: true, trustPolicyOf: "RoleArn")
        case .assumeRoleWithSAML, .assumeRoleWithWebIdentity:
            // Unsigned: the role's trust policy decides, for the federated principal.
            return AuthorizationSpec(action: nil, resource: .arnParameter("RoleArn"))
        case .getFederationToken:
            return AuthorizationSpec(action: action, resource: .federatedUser, carriesTags: true)
        case .assumeRoot, .getAccessKeyInfo, .getDelegatedAccessToken, .getWebIdentityToken:
            return AuthorizationSpec(action: action, resource: .any)
        case .decodeAuthorizationMessage:
            // Authorized as sts:DecodeAuthorizationMessage by WardenAPI (the table's actions are iam:).
            return AuthorizationSpec(action: nil, resource: .any)
        // CloudTrail: reading the audit trail.
        case .lookupEvents:
            return AuthorizationSpec(action: action, resource: .any)
        case .getCallerIdentity, .getSessionToken:
            // No permission needed; an explicit Deny does not block them (iam-facts §5).
            return AuthorizationSpec(action: nil, resource: .any)
        }
    }
}
