import AWSQuery
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations for Organizations, delegation and outbound federation, answered as an account that is not in
/// AWS Organizations and has no delegation requests answers them. Authorization already happened in `Authorizer`.
///
/// - Organizations features (List/Enable/Disable root credentials management and root sessions):
///   `OrganizationNotFoundException`.
/// - GenerateOrganizationsAccessReport: the job is accepted and fails at once (GetOrganizationsAccessReport shows
///   `FAILED` with its `ErrorDetails`).
/// - Delegation requests: none exist, so listing is empty and every request id is unknown; creating one needs the
///   partner onboarding a standalone account does not have.
/// - Outbound web identity federation and the global endpoint token version are stored per account.
struct StandaloneHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let now: @Sendable () -> Int64

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        switch operation {
        case .listOrganizationsFeatures, .enableOrganizationsRootCredentialsManagement,
             .disableOrganizationsRootCredentialsManagement, .enableOrganizationsRootSessions,
             .disableOrganizationsRootSessions:
            throw Self.organizationNotFound
        case .generateOrganizationsAccessReport: return try await generateOrganizationsAccessReport(p, caller)
        case .getOrganizationsAccessReport: return try await getOrganizationsAccessReport(p, caller)
        case .createDelegationRequest: return try createDelegationRequest(p, caller)
        case .getDelegationRequest: return try getDelegationRequest(p)
        case .listDelegationRequests: return try listDelegationRequests(p)
        case .acceptDelegationRequest, .associateDelegationRequest, .sendDelegationToken:
            throw Self.noSuchDelegationRequest(try delegationRequestID(p))
        case .rejectDelegationRequest, .updateDelegationRequest:
            let id = try delegationRequestID(p)
            _ = try notes(p)
            throw Self.noSuchDelegationRequest(id)
        case .enableOutboundWebIdentityFederation: return try await enableOutboundFederation(caller)
        case .disableOutboundWebIdentityFederation: return try await disableOutboundFederation(caller)
        case .getOutboundWebIdentityFederationInfo: return try await getOutboundFederationInfo(caller)
        case .setSecurityTokenServicePreferences: return try await setSecurityTokenServicePreferences(p, caller)
        default:
            // Served by the other families (see `OperationFamily`).
            throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    /// The account is in no organization (the model's `OrganizationNotFoundException`, HTTP 400).
    static let organizationNotFound = AWSServiceError(
        "OrganizationNotFoundException", "The request was rejected because no organization is associated with your account.",
        status: 400)

    func write(_ body: (inout XMLWriter) -> Void) -> String {
        var xml = XMLWriter()
        body(&xml)
        return xml.text
    }
}
