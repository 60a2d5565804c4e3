import IAMPolicy
import Testing

/// A finding code with a small document that triggers it and the corrected document, on which
/// the code must be silent.
struct LintCase: CustomTestStringConvertible, Sendable {
    var code: String
    var severity: PolicyDiagnostic.Severity
    var triggering: String
    var corrected: String
    var type: PolicyType = .identity

    var testDescription: String { code }

    /// `{"Version": "2012-10-17", "Statement": [...]}` around statements written as JSON.
    static func policy(_ statements: String...) -> String {
        #"{"Version": "2012-10-17", "Statement": ["# + statements.joined(separator: ", ") + "]}"
    }

    /// One statement; `extra` is appended inside the object (e.g. a `"Condition"` member).
    static func statement(_ effect: String = "Allow", action: String, resource: String = #""*""#,
                          _ extra: String = "") -> String {
        let actionMember = action.hasPrefix("!") ? #""NotAction": "# + action.dropFirst() : #""Action": "# + action
        let resourceMember = resource.hasPrefix("!") ? #""NotResource": "# + resource.dropFirst() : #""Resource": "# + resource
        return #"{"Effect": ""# + effect + #"", "# + actionMember + ", " + resourceMember
            + (extra.isEmpty ? "" : ", " + extra) + "}"
    }

    static func condition(_ op: String, _ key: String, _ value: String) -> String {
        #""Condition": {""# + op + #"": {""# + key + #"": "# + value + "}}"
    }
}
