import AWSQuery
import Foundation
import IAMModel
import IAMStorage

extension AnalysisHandlers {
    /// A report younger than four hours is kept (COMPLETE); otherwise a new one is made now (STARTED,
    /// and ready at once: Warden generates synchronously).
    func generateCredentialReport(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let time = now()
        if let existing = try await store.credentialReport(accountID: caller.accountID),
           time - existing.generatedAt < CredentialReport.lifetime {
            return write { $0.element("State", "COMPLETE") }
        }
        let report = try await credentialReport(accountID: caller.accountID)
        try await store.saveCredentialReport(IAMCredentialReport(accountID: caller.accountID, generatedAt: time, content: report.csv))
        return write { xml in
            xml.element("State", "STARTED")
            xml.element("Description", "No report exists. Starting a new report generation task")
        }
    }

    func getCredentialReport(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard let report = try await store.credentialReport(accountID: caller.accountID) else {
            throw AWSServiceError("ReportNotPresent", "Credential report not present", status: 410)
        }
        guard now() - report.generatedAt < CredentialReport.lifetime else {
            throw AWSServiceError("ReportExpired", "Credential report expired", status: 410)
        }
        return write { xml in
            xml.element("Content", Data(report.content.utf8).base64EncodedString())
            xml.element("ReportFormat", "text/csv")
            xml.timestamp("GeneratedTime", report.generatedAt)
        }
    }

    /// The root user's row, then every user's, by name.
    func credentialReport(accountID: String) async throws -> CredentialReport {
        let devices = try await store.mfaDevices(accountID: accountID)
        let hasRootPassword = try await store.rootPasswordHash(accountID: accountID) != nil
        let account = try await store.account(id: accountID)
        var entries = [CredentialReport.Entry(
            user: "<root_account>", arn: IAMARN.root(accountID), createdAt: account?.createdAt ?? 0,
            password: .root(hasPassword: hasRootPassword,
                            lastUsed: hasRootPassword ? try await store.rootPasswordLastUsed(accountID: accountID) : nil),
            mfaActive: devices.contains { $0.userID == nil && $0.enabledAt != nil },
            accessKeys: try await store.accessKeys(accountID: accountID, userID: nil),
            certificates: try await store.signingCertificates(accountID: accountID, userID: nil))]
        let maxAgeDays = try await store.passwordPolicy(accountID: accountID)?.maxAgeDays
        for user in try await store.users(accountID: accountID, pathPrefix: "/") {
            var password = CredentialReport.Password.none
            if let profile = try await store.loginProfile(userID: user.id) {
                password = .set(lastUsed: user.passwordLastUsed, changedAt: profile.passwordChangedAt,
                                nextRotation: maxAgeDays.map { profile.passwordChangedAt + Int64($0) * 86_400 })
            }
            entries.append(CredentialReport.Entry(
                user: user.name, arn: user.arn, createdAt: user.createdAt, password: password,
                mfaActive: devices.contains { $0.userID == user.id && $0.enabledAt != nil },
                accessKeys: try await store.accessKeys(accountID: accountID, userID: user.id),
                certificates: try await store.signingCertificates(accountID: accountID, userID: user.id)))
        }
        return CredentialReport(entries: entries)
    }
}
