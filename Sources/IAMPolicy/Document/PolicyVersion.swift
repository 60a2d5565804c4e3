/// The policy language version a document declares. Only `2012-10-17` supports policy variables.
public enum PolicyVersion: String, Sendable, Hashable {
    case v2012_10_17 = "2012-10-17"
    case v2008_10_17 = "2008-10-17"

    /// Whether `${...}` is a policy variable (true) or literal text (false) under this version.
    public static func supportsVariables(_ version: PolicyVersion?) -> Bool {
        version == .v2012_10_17
    }
}
