import AWSQuery
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations for roles, instance profiles and service-linked roles. Authorization already happened in `Authorizer`.
struct RoleHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let now: @Sendable () -> Int64

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        throw AWSServiceError.notYetImplemented(operation.rawValue)
    }
}
