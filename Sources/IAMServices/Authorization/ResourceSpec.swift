/// How the gate finds the resource ARN an operation is authorized against.
enum ResourceSpec: Sendable {
    /// `*`: account-level operations.
    case any
    /// The user named by a parameter (its real path when it exists); the caller when the
    /// parameter is absent and `defaultsToCaller`.
    case user(parameter: String, defaultsToCaller: Bool)
    /// CreateUser: the ARN the new user will have (`Path` + `UserName`).
    case newUser
    case group(parameter: String)
    /// CreateGroup: `Path` + `GroupName`.
    case newGroup
    /// A policy named by its ARN in a parameter.
    case policy(parameter: String)
    /// CreatePolicy: `Path` + `PolicyName`.
    case newPolicy
    /// The calling user itself (ChangePassword).
    case caller
    /// CreateVirtualMFADevice: `Path` + `VirtualMFADeviceName` under `mfa/`.
    case newMFADevice
    /// An MFA device named by its serial number (the device ARN).
    case mfaDevice(parameter: String)
    /// A List* operation over a kind of entity: `arn:aws:iam::ACCOUNT:user/` and so on.
    case listing(String)
    /// The role named by a parameter (its real path when it exists).
    case role(parameter: String)
    /// CreateRole: `Path` + `RoleName`.
    case newRole
    /// CreateServiceLinkedRole: the role AWS would make for `AWSServiceName`.
    case newServiceLinkedRole
    /// The instance profile named by a parameter (its real path when it exists).
    case instanceProfile(parameter: String)
    /// CreateInstanceProfile: `Path` + `InstanceProfileName`.
    case newInstanceProfile
    /// CreateOpenIDConnectProvider: `oidc-provider/` + the `Url` without its scheme.
    case newOIDCProvider
    /// CreateSAMLProvider: `saml-provider/` + `Name`.
    case newSAMLProvider
    /// The server certificate named by a parameter (its real path when it exists).
    case serverCertificate(parameter: String)
    /// UploadServerCertificate: `Path` + `ServerCertificateName`.
    case newServerCertificate
    /// A SAML provider named by its ARN in a parameter: the provider's own ARN when it exists (names
    /// resolve case-insensitively, so a policy on `saml-provider/Okta` also governs `.../OKTA`).
    case samlProvider(parameter: String)
    /// An ARN given in a parameter, as is (provider ARNs, `RoleArn`, `PolicySourceArn`, `Arn`).
    case arnParameter(String)
    /// GetFederationToken: `arn:aws:sts::ACCOUNT:federated-user/Name`.
    case federatedUser
}

/// The gate's row for one operation: the IAM action, the resource, and the request
/// parameters that become service condition keys.
struct AuthorizationSpec: Sendable {
    /// `nil`: the operation needs no permission (GetCallerIdentity, GetSessionToken).
    var action: String?
    var resource: ResourceSpec
    /// Service condition keys taken from request parameters: (`iam:PolicyARN`, `PolicyArn`).
    var parameterKeys: [(key: String, parameter: String)] = []
    /// The request carries tags in `Tags.member.N` (adds `aws:RequestTag/*` and `aws:TagKeys`).
    var carriesTags = false
    /// The request names tag keys to remove in `TagKeys.member.N` (adds `aws:TagKeys`).
    var removesTagKeys = false
    /// Allowed to IAM users on themselves when the account password policy sets
    /// `AllowUsersToChangePassword`, unless explicitly denied (iam-facts §4.7).
    var grantedByPasswordPolicy = false
    /// AssumeRole: the trust policy of the role named by this parameter (an ARN) is the resource
    /// policy, and session tags / source identity need sts:TagSession / sts:SetSourceIdentity too.
    var trustPolicyOf: String?
}
