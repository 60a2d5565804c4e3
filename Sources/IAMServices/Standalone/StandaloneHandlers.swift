import AWSQuery
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations for Organizations, delegation and outbound federation, answered as a standalone account answers. Authorization already happened in `Authorizer`.
struct StandaloneHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let now: @Sendable () -> Int64

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        throw AWSServiceError.notYetImplemented(operation.rawValue)
    }
}
