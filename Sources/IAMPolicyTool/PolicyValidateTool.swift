package import IAMPolicy

/// `warden policy validate FILE [--type ...] [--json]`.
package enum PolicyValidateTool {
    /// Returns the text to print and whether any ERROR was found.
    package static func run(_ source: PolicySource, type: PolicyType, json: Bool) -> (output: String, failed: Bool) {
        let findings = PolicyValidator.validate(source.text, as: type, enforceSizeQuota: !source.isAWSManaged)
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
}
