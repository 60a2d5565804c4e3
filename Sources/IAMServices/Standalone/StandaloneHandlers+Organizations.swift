import AWSQuery
import Foundation
import IAMModel
import IAMStorage

/// Organizations access reports of an account outside Organizations: the job is recorded and fails at once.
extension StandaloneHandlers {
    static let entityPathPattern = "^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*"
    static let policyIDPattern = "^p-[0-9a-zA-Z_]{8,128}$"
    static let sortKeys = ["SERVICE_NAMESPACE_ASCENDING", "SERVICE_NAMESPACE_DESCENDING",
                           "LAST_AUTHENTICATED_TIME_ASCENDING", "LAST_AUTHENTICATED_TIME_DESCENDING"]

    func generateOrganizationsAccessReport(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let path = try FieldRules.matching(p, "EntityPath", required: true, min: 19, max: 427, pattern: Self.entityPathPattern,
                                           regex: "o-[0-9a-z]{10,32}/r-[0-9a-z]{4,32}[0-9a-z/-]*") ?? ""
        let policy = try FieldRules.matching(p, "OrganizationsPolicyId", pattern: Self.policyIDPattern,
                                             regex: "p-[0-9a-zA-Z_]{8,128}")
        let time = now()
        let failure = Self.organizationNotFound
        let report = IAMOrganizationsAccessReport(
            jobID: UUID().uuidString.lowercased(), accountID: caller.accountID, entityPath: path, policyID: policy,
            status: "FAILED", createdAt: time, completedAt: time, errorCode: failure.code, errorMessage: failure.message)
        try await store.createOrganizationsAccessReport(report)
        return write { $0.element("JobId", report.jobID) }
    }

    func getOrganizationsAccessReport(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let jobID = try FieldRules.text(p, "JobId", required: true, min: 36, max: 36) ?? ""
        _ = try FieldRules.text(p, "Marker", min: 1, max: 320, pattern: "[\\u0020-\\u00FF]+",
                                allowed: { (0x20...0xFF).contains($0.value) })
        _ = try FieldRules.integer(p, "MaxItems", in: 1...1_000)
        _ = try FieldRules.oneOf(p, "SortKey", Self.sortKeys)
        guard let report = try await store.organizationsAccessReport(accountID: caller.accountID, jobID: jobID) else {
            throw AWSServiceError.noSuchEntity("The report with job ID \(jobID) cannot be found.")
        }
        // The report has no services: a marker can only be one this server never gave.
        let page = try Paginator.page([String](), marker: p["Marker"], maxItems: try p.int("MaxItems"))
        return write { xml in
            xml.element("JobStatus", report.status)
            xml.timestamp("JobCreationDate", report.createdAt)
            if let completed = report.completedAt { xml.timestamp("JobCompletionDate", completed) }
            xml.pagination(page)
            if let code = report.errorCode {
                xml.open("ErrorDetails")
                xml.element("Message", report.errorMessage ?? "")
                xml.element("Code", code)
                xml.close("ErrorDetails")
            }
        }
    }
}
