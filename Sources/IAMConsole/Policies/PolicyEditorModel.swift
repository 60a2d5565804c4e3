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

    /// `2 errors, 1 warning` style counts; nil without findings.
    static func summary(_ findings: [PolicyFinding]) -> String? {
        guard !findings.isEmpty else { return nil }
        let errors = findings.filter(\.isError).count
        let others = findings.count - errors
        func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
        return [errors > 0 ? count(errors, "error") : nil, others > 0 ? count(others, "other finding") : nil]
            .compactMap { $0 }.joined(separator: ", ")
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
