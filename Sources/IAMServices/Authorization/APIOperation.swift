/// Every operation Warden serves, named by its AWS `Action`.
public enum APIOperation: String, Sendable, CaseIterable {
    // IAM: users
    case createUser = "CreateUser", getUser = "GetUser", listUsers = "ListUsers", updateUser = "UpdateUser"
    case deleteUser = "DeleteUser", tagUser = "TagUser", untagUser = "UntagUser", listUserTags = "ListUserTags"
    case putUserPermissionsBoundary = "PutUserPermissionsBoundary"
    case deleteUserPermissionsBoundary = "DeleteUserPermissionsBoundary"
    // IAM: groups
    case createGroup = "CreateGroup", getGroup = "GetGroup", listGroups = "ListGroups", updateGroup = "UpdateGroup"
    case deleteGroup = "DeleteGroup", addUserToGroup = "AddUserToGroup", removeUserFromGroup = "RemoveUserFromGroup"
    case listGroupsForUser = "ListGroupsForUser"
    // IAM: managed policies
    case createPolicy = "CreatePolicy", getPolicy = "GetPolicy", listPolicies = "ListPolicies", deletePolicy = "DeletePolicy"
    case createPolicyVersion = "CreatePolicyVersion", getPolicyVersion = "GetPolicyVersion"
    case listPolicyVersions = "ListPolicyVersions", deletePolicyVersion = "DeletePolicyVersion"
    case setDefaultPolicyVersion = "SetDefaultPolicyVersion", tagPolicy = "TagPolicy", untagPolicy = "UntagPolicy"
    case listPolicyTags = "ListPolicyTags"
    // IAM: attachments
    case attachUserPolicy = "AttachUserPolicy", detachUserPolicy = "DetachUserPolicy"
    case listAttachedUserPolicies = "ListAttachedUserPolicies", attachGroupPolicy = "AttachGroupPolicy"
    case detachGroupPolicy = "DetachGroupPolicy", listAttachedGroupPolicies = "ListAttachedGroupPolicies"
    case listEntitiesForPolicy = "ListEntitiesForPolicy"
    // IAM: inline policies
    case putUserPolicy = "PutUserPolicy", getUserPolicy = "GetUserPolicy", deleteUserPolicy = "DeleteUserPolicy"
    case listUserPolicies = "ListUserPolicies", putGroupPolicy = "PutGroupPolicy", getGroupPolicy = "GetGroupPolicy"
    case deleteGroupPolicy = "DeleteGroupPolicy", listGroupPolicies = "ListGroupPolicies"
    // IAM: account
    case getAccountAuthorizationDetails = "GetAccountAuthorizationDetails", getAccountSummary = "GetAccountSummary"
    case createAccountAlias = "CreateAccountAlias", deleteAccountAlias = "DeleteAccountAlias"
    case listAccountAliases = "ListAccountAliases"
    // IAM: access keys
    case createAccessKey = "CreateAccessKey", listAccessKeys = "ListAccessKeys", updateAccessKey = "UpdateAccessKey"
    case deleteAccessKey = "DeleteAccessKey", getAccessKeyLastUsed = "GetAccessKeyLastUsed"
    // IAM: passwords
    case createLoginProfile = "CreateLoginProfile", getLoginProfile = "GetLoginProfile"
    case updateLoginProfile = "UpdateLoginProfile", deleteLoginProfile = "DeleteLoginProfile"
    case changePassword = "ChangePassword", updateAccountPasswordPolicy = "UpdateAccountPasswordPolicy"
    case getAccountPasswordPolicy = "GetAccountPasswordPolicy", deleteAccountPasswordPolicy = "DeleteAccountPasswordPolicy"
    // IAM: virtual MFA
    case createVirtualMFADevice = "CreateVirtualMFADevice", enableMFADevice = "EnableMFADevice"
    case resyncMFADevice = "ResyncMFADevice", deactivateMFADevice = "DeactivateMFADevice"
    case deleteVirtualMFADevice = "DeleteVirtualMFADevice", getMFADevice = "GetMFADevice"
    case listMFADevices = "ListMFADevices", listVirtualMFADevices = "ListVirtualMFADevices"
    case tagMFADevice = "TagMFADevice", untagMFADevice = "UntagMFADevice", listMFADeviceTags = "ListMFADeviceTags"
    // IAM: signing certificates, SSH public keys, service-specific credentials
    case uploadSigningCertificate = "UploadSigningCertificate", listSigningCertificates = "ListSigningCertificates"
    case updateSigningCertificate = "UpdateSigningCertificate", deleteSigningCertificate = "DeleteSigningCertificate"
    case uploadSSHPublicKey = "UploadSSHPublicKey", getSSHPublicKey = "GetSSHPublicKey"
    case listSSHPublicKeys = "ListSSHPublicKeys", updateSSHPublicKey = "UpdateSSHPublicKey"
    case deleteSSHPublicKey = "DeleteSSHPublicKey"
    case createServiceSpecificCredential = "CreateServiceSpecificCredential"
    case listServiceSpecificCredentials = "ListServiceSpecificCredentials"
    case updateServiceSpecificCredential = "UpdateServiceSpecificCredential"
    case resetServiceSpecificCredential = "ResetServiceSpecificCredential"
    case deleteServiceSpecificCredential = "DeleteServiceSpecificCredential"
    // IAM: roles and their policies
    case createRole = "CreateRole", getRole = "GetRole", listRoles = "ListRoles", updateRole = "UpdateRole"
    case updateRoleDescription = "UpdateRoleDescription", updateAssumeRolePolicy = "UpdateAssumeRolePolicy"
    case deleteRole = "DeleteRole", tagRole = "TagRole", untagRole = "UntagRole", listRoleTags = "ListRoleTags"
    case attachRolePolicy = "AttachRolePolicy", detachRolePolicy = "DetachRolePolicy"
    case listAttachedRolePolicies = "ListAttachedRolePolicies", putRolePolicy = "PutRolePolicy"
    case getRolePolicy = "GetRolePolicy", deleteRolePolicy = "DeleteRolePolicy", listRolePolicies = "ListRolePolicies"
    case putRolePermissionsBoundary = "PutRolePermissionsBoundary"
    case deleteRolePermissionsBoundary = "DeleteRolePermissionsBoundary"
    case createServiceLinkedRole = "CreateServiceLinkedRole", deleteServiceLinkedRole = "DeleteServiceLinkedRole"
    case getServiceLinkedRoleDeletionStatus = "GetServiceLinkedRoleDeletionStatus"
    // IAM: instance profiles
    case createInstanceProfile = "CreateInstanceProfile", getInstanceProfile = "GetInstanceProfile"
    case listInstanceProfiles = "ListInstanceProfiles", deleteInstanceProfile = "DeleteInstanceProfile"
    case addRoleToInstanceProfile = "AddRoleToInstanceProfile"
    case removeRoleFromInstanceProfile = "RemoveRoleFromInstanceProfile"
    case listInstanceProfilesForRole = "ListInstanceProfilesForRole", tagInstanceProfile = "TagInstanceProfile"
    case untagInstanceProfile = "UntagInstanceProfile", listInstanceProfileTags = "ListInstanceProfileTags"
    // IAM: identity providers
    case createOpenIDConnectProvider = "CreateOpenIDConnectProvider"
    case getOpenIDConnectProvider = "GetOpenIDConnectProvider"
    case listOpenIDConnectProviders = "ListOpenIDConnectProviders"
    case deleteOpenIDConnectProvider = "DeleteOpenIDConnectProvider"
    case addClientIDToOpenIDConnectProvider = "AddClientIDToOpenIDConnectProvider"
    case removeClientIDFromOpenIDConnectProvider = "RemoveClientIDFromOpenIDConnectProvider"
    case updateOpenIDConnectProviderThumbprint = "UpdateOpenIDConnectProviderThumbprint"
    case tagOpenIDConnectProvider = "TagOpenIDConnectProvider", untagOpenIDConnectProvider = "UntagOpenIDConnectProvider"
    case listOpenIDConnectProviderTags = "ListOpenIDConnectProviderTags"
    case createSAMLProvider = "CreateSAMLProvider", getSAMLProvider = "GetSAMLProvider"
    case listSAMLProviders = "ListSAMLProviders", updateSAMLProvider = "UpdateSAMLProvider"
    case deleteSAMLProvider = "DeleteSAMLProvider", tagSAMLProvider = "TagSAMLProvider"
    case untagSAMLProvider = "UntagSAMLProvider", listSAMLProviderTags = "ListSAMLProviderTags"
    // IAM: server certificates
    case uploadServerCertificate = "UploadServerCertificate", getServerCertificate = "GetServerCertificate"
    case listServerCertificates = "ListServerCertificates", updateServerCertificate = "UpdateServerCertificate"
    case deleteServerCertificate = "DeleteServerCertificate", tagServerCertificate = "TagServerCertificate"
    case untagServerCertificate = "UntagServerCertificate", listServerCertificateTags = "ListServerCertificateTags"
    // IAM: reports, access analysis and the policy simulator
    case generateCredentialReport = "GenerateCredentialReport", getCredentialReport = "GetCredentialReport"
    case generateServiceLastAccessedDetails = "GenerateServiceLastAccessedDetails"
    case getServiceLastAccessedDetails = "GetServiceLastAccessedDetails"
    case getServiceLastAccessedDetailsWithEntities = "GetServiceLastAccessedDetailsWithEntities"
    case listPoliciesGrantingServiceAccess = "ListPoliciesGrantingServiceAccess"
    case getContextKeysForCustomPolicy = "GetContextKeysForCustomPolicy"
    case getContextKeysForPrincipalPolicy = "GetContextKeysForPrincipalPolicy"
    case simulateCustomPolicy = "SimulateCustomPolicy", simulatePrincipalPolicy = "SimulatePrincipalPolicy"
    case getHumanReadableSummary = "GetHumanReadableSummary"
    // IAM: what a standalone account answers (Organizations, delegation, outbound federation)
    case generateOrganizationsAccessReport = "GenerateOrganizationsAccessReport"
    case getOrganizationsAccessReport = "GetOrganizationsAccessReport"
    case listOrganizationsFeatures = "ListOrganizationsFeatures"
    case enableOrganizationsRootCredentialsManagement = "EnableOrganizationsRootCredentialsManagement"
    case disableOrganizationsRootCredentialsManagement = "DisableOrganizationsRootCredentialsManagement"
    case enableOrganizationsRootSessions = "EnableOrganizationsRootSessions"
    case disableOrganizationsRootSessions = "DisableOrganizationsRootSessions"
    case createDelegationRequest = "CreateDelegationRequest", getDelegationRequest = "GetDelegationRequest"
    case listDelegationRequests = "ListDelegationRequests", acceptDelegationRequest = "AcceptDelegationRequest"
    case associateDelegationRequest = "AssociateDelegationRequest", rejectDelegationRequest = "RejectDelegationRequest"
    case updateDelegationRequest = "UpdateDelegationRequest", sendDelegationToken = "SendDelegationToken"
    case enableOutboundWebIdentityFederation = "EnableOutboundWebIdentityFederation"
    case disableOutboundWebIdentityFederation = "DisableOutboundWebIdentityFederation"
    case getOutboundWebIdentityFederationInfo = "GetOutboundWebIdentityFederationInfo"
    case setSecurityTokenServicePreferences = "SetSecurityTokenServicePreferences"
    // STS
    case getCallerIdentity = "GetCallerIdentity", getSessionToken = "GetSessionToken"
    case decodeAuthorizationMessage = "DecodeAuthorizationMessage"
    case assumeRole = "AssumeRole", assumeRoleWithSAML = "AssumeRoleWithSAML"
    case assumeRoleWithWebIdentity = "AssumeRoleWithWebIdentity", assumeRoot = "AssumeRoot"
    case getFederationToken = "GetFederationToken", getAccessKeyInfo = "GetAccessKeyInfo"
    case getDelegatedAccessToken = "GetDelegatedAccessToken", getWebIdentityToken = "GetWebIdentityToken"
    // CloudTrail (AWS JSON 1.1, served by `WardenAPI.handleCloudTrail`, never through the Query path)
    case lookupEvents = "LookupEvents"

    public enum Service: String, Sendable {
        case iam, sts, cloudtrail

        public var namespace: String {
            switch self {
            case .iam: "https://iam.amazonaws.com/doc/2010-05-08/"
            case .sts: "https://sts.amazonaws.com/doc/2011-06-15/"
            case .cloudtrail: ""
            }
        }

        public var apiVersion: String {
            switch self {
            case .iam: "2010-05-08"
            case .sts: "2011-06-15"
            case .cloudtrail: "2013-11-01"
            }
        }
    }

    public var service: Service {
        switch self {
        case .getCallerIdentity, .getSessionToken, .decodeAuthorizationMessage, .assumeRole, .assumeRoleWithSAML,
             .assumeRoleWithWebIdentity, .assumeRoot, .getFederationToken, .getAccessKeyInfo, .getDelegatedAccessToken,
             .getWebIdentityToken: .sts
        case .lookupEvents: .cloudtrail
        default: .iam
        }
    }

    /// The operation for an `Action` sent to a service, if Warden serves it.
    public static func named(_ action: String, service: Service) -> APIOperation? {
        guard let operation = APIOperation(rawValue: action), operation.service == service else { return nil }
        return operation
    }
}
