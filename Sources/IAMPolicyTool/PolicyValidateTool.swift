package import IAMPolicy
import IAMPolicyAnalysis
package import IAMPolicyCatalog

/// `warden policy validate FILE [--type ...] [--json]`: the grammar checks of `PolicyValidator`
/// and the Access Analyzer-style findings of `PolicyLinter`.
package enum PolicyValidateTool {
    /// Returns the text to print and whether any ERROR was found.
    package static func run(_ source: PolicySource, type: PolicyType, json: Bool) -> (output: String, failed: Bool) {
        let findings = Self.findings(source, type: type)
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        if json {
            let items = findings.map { f in
                JSONText.object([
                    ("severity", JSONText.quote(f.severity.rawValue)), ("code", JSONText.quote(f.code)),
                    ("aws_error", JSONText.quote(f.awsErrorCode)), ("message", JSONText.quote(f.message)),
                    ("detail", JSONText.quote(f.detail)), ("line", String(f.location.line)),
                    ("column", String(f.location.column)), ("pointer", JSONText.quote(f.pointer)),
                ])
            }
            let output = JSONText.object([
                ("policy", JSONText.quote(source.name)), ("type", JSONText.quote(type.rawValue)),
                ("errors", String(errors)), ("warnings", String(warnings)),
                ("findings", "[" + items.joined(separator: ", ") + "]"),
            ])
            return (output, errors > 0)
        }
        var lines = findings.map { f in
            var line = "\(source.name):\(f.location.line):\(f.location.column): \(f.severity.rawValue) [\(f.code)] \(f.detail)"
            if let aws = f.awsErrorCode { line += "\n    AWS: \(aws): \(f.message)" }
            return line
        }
        lines.append("\(source.name): \(errors) error(s), \(warnings) warning(s) as \(type == .identity ? "an" : "a") \(type.rawValue) policy")
        return (lines.joined(separator: "\n"), errors > 0)
    }

    /// The linter's findings; without the action catalog, the grammar checks and a warning saying so.
    package static func findings(
        _ source: PolicySource, type: PolicyType,
        catalog: Result<ActionCatalog, ManagedPolicyCatalog.LoadError> = Result { () throws(ManagedPolicyCatalog.LoadError) in
            try ActionCatalog.shared()
        }
    ) -> [PolicyDiagnostic] {
        let enforceSizeQuota = !source.isAWSManaged
        switch catalog {
        case .success(let catalog):
            return PolicyLinter.findings(source.text, as: type, catalog: catalog, enforceSizeQuota: enforceSizeQuota)
        case .failure(let error):
            return [.finding(.warning, "catalogUnavailable", "only the grammar checks ran: \(error.description)", at: .start)]
                + PolicyValidator.validate(source.text, as: type, enforceSizeQuota: enforceSizeQuota)
        }
    }
}
