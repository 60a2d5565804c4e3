/// One AWS managed policy from the bundled catalog.
public struct ManagedPolicy: Sendable, Hashable {
    public var name: String
    public var arn: String
    public var path: String
    public var defaultVersionID: String
    public var createDate: String
    public var updateDate: String
    /// The default version's document, as compact JSON text.
    public var document: String
}
