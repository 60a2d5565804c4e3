/// A parsed policy document: the grammar of the AWS IAM policy language, with locations.
public struct PolicyDocument: Sendable {
    /// `nil` when the document has no `Version` element (AWS then applies 2008-10-17 rules).
    public var version: PolicyVersion?
    public var versionLocation: SourceLocation?
    public var id: Located<String>?
    public var statements: [Statement]
    /// Whether `Statement` was a single object rather than an array.
    public var statementIsObject: Bool
    /// Characters that count toward AWS's size quotas (everything but white space).
    public var nonWhitespaceLength: Int
}
