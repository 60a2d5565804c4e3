public import IAMModel

/// The settings and report jobs of an account outside AWS Organizations (outbound federation, STS preferences,
/// Organizations access reports).
public protocol StandaloneAccountRepository: Sendable {
    /// The account's settings (defaults when never set).
    func accountSettings(accountID: String) async throws -> IAMAccountSettings
    func setAccountSettings(accountID: String, _ settings: IAMAccountSettings) async throws
    func createOrganizationsAccessReport(_ report: IAMOrganizationsAccessReport) async throws
    func organizationsAccessReport(accountID: String, jobID: String) async throws -> IAMOrganizationsAccessReport?
}
