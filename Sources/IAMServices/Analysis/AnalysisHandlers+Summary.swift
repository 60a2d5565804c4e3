import AWSQuery
import IAMModel
import IAMPolicyAnalysis

extension AnalysisHandlers {
    /// `SummaryContent` is at most 10,000 characters.
    static let summaryLimit = 10_000

    /// AWS summarizes only delegation requests (with a language model); a standalone Warden account
    /// has none, so those ARNs are NoSuchEntity. Warden also summarizes managed policies, from the
    /// console's policy summary (`PolicySummary`): what each service's actions, resources and
    /// conditions are, in English (other locales are NOT_SUPPORTED).
    func getHumanReadableSummary(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let arn = try arnParameter(p, "EntityArn")
        let locale = p["Locale"]
        if let locale { try SimulationOptions.checkLength(locale, field: "locale", 2...12) }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("delegation-request/") {
            throw AWSServiceError.noSuchEntity("The delegation request \(parts[5].dropFirst("delegation-request/".count)) cannot be found.")
        }
        guard AnalysisEntity.Reference(arn)?.kind == .policy else {
            throw AWSServiceError.invalidInput("Summaries are available for delegation requests and managed policies, not for \(arn).")
        }
        _ = try await entity(arn, allowing: [.policy], caller)
        guard let policy = try await managedPolicy(arn, caller) else {
            throw AWSServiceError.noSuchEntity("Policy \(arn) was not found.")
        }
        let language = locale ?? "en"
        guard language.lowercased().hasPrefix("en") else {
            return write { xml in
                xml.element("Locale", language)
                xml.element("SummaryState", "NOT_SUPPORTED")
            }
        }
        let summary = PolicySummary.summarize([(policy.name, policy.document)], catalog: try actionCatalog())
        var lines: [String] = []
        var length = 0
        for line in summary.table().split(separator: "\n", omittingEmptySubsequences: false) {
            guard length + line.count + 1 <= Self.summaryLimit else { break }
            lines.append(String(line))
            length += line.count + 1
        }
        return write { xml in
            xml.element("SummaryContent", lines.joined(separator: "\n"))
            xml.element("Locale", language)
            xml.element("SummaryState", "AVAILABLE")
        }
    }
}
