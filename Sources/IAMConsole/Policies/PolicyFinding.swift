import IAMPolicy
import IAMPolicyAnalysis
import IAMPolicyCatalog

/// One linter finding as the editor lists it under the text: severity, message and where.
struct PolicyFinding: Sendable {
    var severity: String
    var label: String
    var code: String
    var message: String
    /// AWS's wording when it differs from Warden's (errors IAM refuses a policy for).
    var awsMessage: String?
    var line: Int
    var column: Int
    var isError: Bool

    init(_ diagnostic: PolicyDiagnostic) {
        severity = diagnostic.severity.rawValue
        label = switch diagnostic.severity {
        case .error: "Error"
        case .securityWarning: "Security warning"
        case .warning: "Warning"
        case .suggestion: "Suggestion"
        }
        code = diagnostic.code
        message = diagnostic.detail
        awsMessage = diagnostic.message == diagnostic.detail ? nil : diagnostic.message
        line = diagnostic.location.line
        column = diagnostic.location.column
        isError = diagnostic.severity == .error
    }

    /// The findings for `text` as an identity policy (Access Analyzer's checks plus the grammar; only
    /// the grammar when the action catalog cannot be read). Lines and columns count in `text`.
    static func findings(_ text: String) -> [PolicyFinding] {
        let diagnostics: [PolicyDiagnostic] = if let catalog = PolicyCatalog.actions {
            PolicyLinter.findings(text, as: .identity, catalog: catalog)
        } else {
            PolicyValidator.validate(text, as: .identity)
        }
        return diagnostics.map(PolicyFinding.init)
    }
}

/// The bundled action catalog, or nil when it cannot be read (pages then skip what needs it).
enum PolicyCatalog {
    static var actions: ActionCatalog? { try? ActionCatalog.shared() }
}
