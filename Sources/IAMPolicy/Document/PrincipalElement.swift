/// The value of a `Principal` or `NotPrincipal` element.
public enum PrincipalElement: Sendable {
    /// `"Principal": "*"`: everyone, including anonymous callers.
    case everyone
    /// `{"AWS": [...], "Service": [...], "Federated": [...], "CanonicalUser": [...]}`.
    case identifiers([PrincipalKind: [Located<String>]])

    public enum PrincipalKind: String, Sendable, Hashable, CaseIterable {
        case aws = "AWS"
        case service = "Service"
        case federated = "Federated"
        case canonicalUser = "CanonicalUser"
    }
}
