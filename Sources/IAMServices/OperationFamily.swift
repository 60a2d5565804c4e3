/// Which handler serves an operation. `WardenAPI` dispatches on this after the gate.
enum OperationFamily: Sendable {
    /// Users, groups, policies, credentials, MFA, account (`IAMHandlers`).
    case iam
    /// Roles, instance profiles, service-linked roles (`RoleHandlers`).
    case roles
    /// OpenID Connect and SAML identity providers (`ProviderHandlers`).
    case providers
    /// Server certificates (`ServerCertificateHandlers`).
    case serverCertificates
    /// Credential report, last accessed, context keys, the simulator (`AnalysisHandlers`).
    case analysis
    /// Organizations, delegation and outbound federation, as a standalone account (`StandaloneHandlers`).
    case standalone
    /// STS (`STSHandlers`).
    case sts
}

extension APIOperation {
    var family: OperationFamily {
        if service == .sts { return .sts }
        switch self {
        case .createRole, .getRole, .listRoles, .updateRole, .updateRoleDescription, .updateAssumeRolePolicy, .deleteRole,
             .tagRole, .untagRole, .listRoleTags, .attachRolePolicy, .detachRolePolicy, .listAttachedRolePolicies,
             .putRolePolicy, .getRolePolicy, .deleteRolePolicy, .listRolePolicies, .putRolePermissionsBoundary,
             .deleteRolePermissionsBoundary, .createServiceLinkedRole, .deleteServiceLinkedRole,
             .getServiceLinkedRoleDeletionStatus, .createInstanceProfile, .getInstanceProfile, .listInstanceProfiles,
             .deleteInstanceProfile, .addRoleToInstanceProfile, .removeRoleFromInstanceProfile,
             .listInstanceProfilesForRole, .tagInstanceProfile, .untagInstanceProfile, .listInstanceProfileTags:
            return .roles
        case .createOpenIDConnectProvider, .getOpenIDConnectProvider, .listOpenIDConnectProviders,
             .deleteOpenIDConnectProvider, .addClientIDToOpenIDConnectProvider, .removeClientIDFromOpenIDConnectProvider,
             .updateOpenIDConnectProviderThumbprint, .tagOpenIDConnectProvider, .untagOpenIDConnectProvider,
             .listOpenIDConnectProviderTags, .createSAMLProvider, .getSAMLProvider, .listSAMLProviders, .updateSAMLProvider,
             .deleteSAMLProvider, .tagSAMLProvider, .untagSAMLProvider, .listSAMLProviderTags:
            return .providers
        case .uploadServerCertificate, .getServerCertificate, .listServerCertificates, .updateServerCertificate,
             .deleteServerCertificate, .tagServerCertificate, .untagServerCertificate, .listServerCertificateTags:
            return .serverCertificates
        case .generateCredentialReport, .getCredentialReport, .generateServiceLastAccessedDetails,
             .getServiceLastAccessedDetails, .getServiceLastAccessedDetailsWithEntities, .listPoliciesGrantingServiceAccess,
             .getContextKeysForCustomPolicy, .getContextKeysForPrincipalPolicy, .simulateCustomPolicy,
             .simulatePrincipalPolicy, .getHumanReadableSummary:
            return .analysis
        case .generateOrganizationsAccessReport, .getOrganizationsAccessReport, .listOrganizationsFeatures,
             .enableOrganizationsRootCredentialsManagement, .disableOrganizationsRootCredentialsManagement,
             .enableOrganizationsRootSessions, .disableOrganizationsRootSessions, .createDelegationRequest,
             .getDelegationRequest, .listDelegationRequests, .acceptDelegationRequest, .associateDelegationRequest,
             .rejectDelegationRequest, .updateDelegationRequest, .sendDelegationToken,
             .enableOutboundWebIdentityFederation, .disableOutboundWebIdentityFederation,
             .getOutboundWebIdentityFederationInfo, .setSecurityTokenServicePreferences:
            return .standalone
        default:
            return .iam
        }
    }
}
