/// Names one statement of one policy: what decided a request.
public struct StatementReference: Sendable, Hashable, CustomStringConvertible {
    public enum PolicyType: String, Sendable, Hashable {
        case identity = "identity-based policy"
        case boundary = "permissions boundary"
        case resource = "resource-based policy"
        case session = "session policy"
    }

    public var policyName: String
    public var policyType: PolicyType
    /// 0-based index in the `Statement` array.
    public var statementIndex: Int
    public var sid: String?

    /// `Name#Sid`, or `Name#index` when the statement has no Sid.
    public var description: String { "\(policyName)#\(sid ?? String(statementIndex))" }
}
