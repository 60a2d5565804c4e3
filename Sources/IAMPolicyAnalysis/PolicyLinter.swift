public import IAMPolicy
public import IAMPolicyCatalog

/// Findings about a policy in the manner of IAM Access Analyzer's ValidatePolicy: the grammar
/// and AWS-rejection checks of `PolicyValidator`, plus checks against the action catalog
/// (unknown services, actions and condition keys, operator/key type mismatches), redundant and
/// dead statements, and Warden's MFA findings. Each finding has a severity (ERROR,
/// SECURITY_WARNING, WARNING, SUGGESTION), a stable code, a message and a location.
///
/// An ERROR here is not always one AWS rejects: IAM accepts unknown actions, Access Analyzer
/// reports them as errors, and so does this linter. Only errors with an `awsErrorCode` are ones
/// IAM refuses a policy for.
public enum PolicyLinter {
    /// Grammar findings whose severity the linter raises: Access Analyzer-style security warnings.
    static let raisedSeverity: [String: PolicyDiagnostic.Severity] = [
        "allowNotAction": .securityWarning,
        "allowNotResource": .securityWarning,
        "mfaBoolWithoutIfexists": .securityWarning,
    ]

    /// All findings for `text` used as a `type` policy, sorted by location. `enforceSizeQuota` is
    /// false for AWS managed policies, which AWS's customer quotas do not bind.
    public static func findings(_ text: String, as type: PolicyType, catalog: ActionCatalog,
                                enforceSizeQuota: Bool = true) -> [PolicyDiagnostic] {
        let document: PolicyDocument
        do {
            document = try PolicyParser.parse(text)
        } catch {
            // A document that does not parse has only its parse error.
            return PolicyValidator.validate(text, as: type, enforceSizeQuota: enforceSizeQuota)
        }
        return findings(document, as: type, catalog: catalog, enforceSizeQuota: enforceSizeQuota)
    }

    /// All findings for a parsed document, sorted by location.
    public static func findings(_ document: PolicyDocument, as type: PolicyType, catalog: ActionCatalog,
                                enforceSizeQuota: Bool = true) -> [PolicyDiagnostic] {
        var out = PolicyValidator.validate(document, as: type, enforceSizeQuota: enforceSizeQuota).map { finding in
            var raised = finding
            if let severity = raisedSeverity[finding.code] { raised.severity = severity }
            return raised
        }
        let context = LintContext(document: document, type: type, catalog: catalog,
                                  keys: ConditionKeyIndex(catalog: catalog))
        for statement in document.statements {
            ActionChecks.check(statement, context, &out)
            ElementRedundancy.check(statement, &out)
            ConditionKeyChecks.check(statement, context, &out)
            WildcardChecks.check(statement, &out)
            MFAConditionChecks.check(statement, &out)
            StatementReachability.check(statement, &out)
        }
        StatementRedundancy.check(document.statements, &out)
        MFARecoveryChecks.check(context, &out)
        return sorted(deduplicated(out))
    }

    /// One finding per code and place.
    private static func deduplicated(_ findings: [PolicyDiagnostic]) -> [PolicyDiagnostic] {
        var seen: Set<String> = []
        return findings.filter { seen.insert("\($0.code)@\($0.location.offset)@\($0.pointer)").inserted }
    }

    /// By position in the text; findings at one place keep the order they were made in.
    private static func sorted(_ findings: [PolicyDiagnostic]) -> [PolicyDiagnostic] {
        findings.enumerated()
            .sorted { ($0.element.location.offset, $0.offset) < ($1.element.location.offset, $1.offset) }
            .map(\.element)
    }
}
