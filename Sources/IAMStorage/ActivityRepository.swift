public import IAMModel

/// Recorded activity (service last accessed) and generated reports.
public protocol ActivityRepository: Sendable {
    /// Inserts or replaces the principal's last use of the action (one row per principal and action).
    func recordActivity(_ activity: IAMActivity) async throws
    /// Every recorded action of these principals.
    func activity(principalIDs: [String]) async throws -> [IAMActivity]

    func credentialReport(accountID: String) async throws -> IAMCredentialReport?
    /// Replaces the account's report.
    func saveCredentialReport(_ report: IAMCredentialReport) async throws

    func createAccessReportJob(_ job: IAMAccessReportJob) async throws
    func accessReportJob(id: String) async throws -> IAMAccessReportJob?
    func deleteAccessReportJobs(createdBefore time: Int64) async throws

    /// When the root user's console password was last used (nil when never, or when it has none).
    func rootPasswordLastUsed(accountID: String) async throws -> Int64?
}
