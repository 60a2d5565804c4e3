/// The editor page: the JSON tab (text and findings) or the Visual tab (statement blocks, or why
/// the document cannot be shown there).
struct PolicyEditorModel: Sendable {
    static let blocked = "The policy has errors. Fix them before you continue."

    var layout: ConsoleLayout
    var heading: String
    var action: String
    var jsonTab: Bool
    var visualTab: Bool
    var document: String
    var findings: [PolicyFinding]
    var findingSummary: String?
    var blocks: [VisualBlockView]
    var statementCount: Int
    /// Why the Visual tab cannot show the document (`isUnsupported`); empty when it can.
    var isUnsupported: Bool
    var unsupported: [String]

    /// The counts per severity as Access Analyzer's panel shows them; nil when the document was not checked.
    static func summary(_ findings: [PolicyFinding]?) -> String? {
        guard let findings else { return nil }
        func count(_ severity: String) -> Int { findings.filter { $0.severity == severity }.count }
        return "Security: \(count("SECURITY_WARNING")) · Errors: \(count("ERROR")) · Warnings: \(count("WARNING"))"
            + " · Suggestions: \(count("SUGGESTION"))"
    }
}

/// The review step: the summary, name and description, and the button that calls the API.
struct PolicyReviewModel: Sendable {
    var layout: ConsoleLayout
    var heading: String
    var action: String
    var creating: Bool
    var document: String
    var findings: [PolicyFinding]
    var findingSummary: String?
    var summary: PolicySummaryTable?
    var name: String
    var description: String
    var policyName: String
    var setDefault: Bool
    /// The tab the document came from, for Previous.
    var sourceTab: String
}
