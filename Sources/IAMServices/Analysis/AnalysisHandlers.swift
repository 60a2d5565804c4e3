import AWSQuery
import IAMModel
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations for the credential report, service last accessed, context keys and the policy simulator. Authorization already happened in `Authorizer`.
struct AnalysisHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let now: @Sendable () -> Int64
    /// What every successful request did, for service last accessed (`WardenAPI` calls it).
    let activity: ActivityRecorder

    init(store: any IAMStore, box: SecretBox, catalog: ManagedPolicyCatalog, now: @escaping @Sendable () -> Int64) {
        self.store = store
        self.box = box
        self.catalog = catalog
        self.now = now
        activity = ActivityRecorder(store: store)
    }

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        switch operation {
        case .generateCredentialReport: return try await generateCredentialReport(p, caller)
        case .getCredentialReport: return try await getCredentialReport(p, caller)
        case .generateServiceLastAccessedDetails: return try await generateServiceLastAccessedDetails(p, caller)
        case .getServiceLastAccessedDetails: return try await getServiceLastAccessedDetails(p, caller)
        case .getServiceLastAccessedDetailsWithEntities: return try await getServiceLastAccessedDetailsWithEntities(p, caller)
        case .listPoliciesGrantingServiceAccess: return try await listPoliciesGrantingServiceAccess(p, caller)
        case .getContextKeysForCustomPolicy: return try await getContextKeysForCustomPolicy(p, caller)
        case .getContextKeysForPrincipalPolicy: return try await getContextKeysForPrincipalPolicy(p, caller)
        case .simulateCustomPolicy: return try await simulateCustomPolicy(p, caller)
        case .simulatePrincipalPolicy: return try await simulatePrincipalPolicy(p, caller)
        case .getHumanReadableSummary: return try await getHumanReadableSummary(p, caller)
        default:
            // Served by the other families (see `OperationFamily`).
            throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    func write(_ body: (inout XMLWriter) -> Void) -> String {
        var xml = XMLWriter()
        body(&xml)
        return xml.text
    }

    /// The action catalog (services, actions, access levels), loaded once.
    func actionCatalog() throws -> ActionCatalog {
        do {
            return try ActionCatalog.shared()
        } catch {
            throw AWSServiceError.serviceFailure("The action catalog is not available.")
        }
    }

    /// An ARN parameter with the model's length bounds (`arnType`: 20 to 2048).
    func arnParameter(_ p: QueryParameters, _ name: String) throws -> String {
        let value = try p.required(name)
        let field = AWSServiceError.lowerFirst(name)
        if value.count < 20 {
            throw AWSServiceError.validationError(IAMNames.violation(value, at: field, "Member must have length greater than or equal to 20"))
        }
        if value.count > 2048 {
            throw AWSServiceError.validationError(IAMNames.violation(String(value.prefix(64)) + "...", at: field,
                                                                     "Member must have length less than or equal to 2048"))
        }
        return value
    }
}
