/// A finding about a policy document: an error AWS would refuse the policy for, or a warning.
public struct PolicyDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error = "ERROR"
        case securityWarning = "SECURITY_WARNING"
        case warning = "WARNING"
        case suggestion = "SUGGESTION"
    }

    public var severity: Severity
    /// A stable identifier for the kind of finding (`duplicate-sid`, `json-syntax`, ...).
    public var code: String
    /// The AWS error code a server returns for this error (`MalformedPolicyDocument`,
    /// `LimitExceeded`); `nil` for warnings.
    public var awsErrorCode: String?
    /// The AWS wording for errors where AWS has one, else our description.
    public var message: String
    /// Our precise description of the problem.
    public var detail: String
    public var location: SourceLocation
    public var pointer: String

    public var description: String {
        "\(severity.rawValue) \(location) \(code): \(detail)" + (message == detail ? "" : " (AWS: \(message))")
    }

    /// A finding of any severity (errors carry AWS's code and wording).
    public static func finding(_ severity: Severity, _ code: String, _ detail: String, at location: SourceLocation,
                               pointer: String = "", awsCode: String? = nil, awsMessage: String? = nil) -> PolicyDiagnostic {
        PolicyDiagnostic(severity: severity, code: code, awsErrorCode: awsCode, message: awsMessage ?? detail, detail: detail,
                         location: location, pointer: pointer)
    }

    static func error(_ code: String, _ detail: String, aws message: String, at location: SourceLocation,
                      pointer: String = "", awsCode: String = "MalformedPolicyDocument") -> PolicyDiagnostic {
        PolicyDiagnostic(severity: .error, code: code, awsErrorCode: awsCode, message: message, detail: detail,
                         location: location, pointer: pointer)
    }

    static func warning(_ code: String, _ detail: String, at location: SourceLocation, pointer: String = "") -> PolicyDiagnostic {
        PolicyDiagnostic(severity: .warning, code: code, awsErrorCode: nil, message: detail, detail: detail,
                         location: location, pointer: pointer)
    }
}
