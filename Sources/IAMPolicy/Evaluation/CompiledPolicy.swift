/// A policy parsed and compiled once, evaluated many times.
public struct CompiledPolicy: Sendable {
    /// How explanations name the policy: its name or ARN.
    public let name: String
    public let document: PolicyDocument
    let statements: [CompiledStatement]

    public init(name: String, document: PolicyDocument) {
        self.name = name
        self.document = document
        let variables = PolicyVersion.supportsVariables(document.version)
        statements = document.statements.map { CompiledStatement($0, variables: variables) }
    }

    /// Parses and compiles policy text.
    public init(name: String, text: String) throws(PolicyParseError) {
        self.init(name: name, document: try PolicyParser.parse(text))
    }
}
