/// Turns policy text into a `PolicyDocument`, checking the grammar of the IAM policy language.
/// Checks that depend on the kind of policy (Principal allowed? Resource required? size quota?)
/// belong to `PolicyValidator`.
public enum PolicyParser {
    /// Larger texts are refused before parsing. AWS's wire limit is 131,072 characters.
    public static let maximumTextBytes = 1_048_576

    public static func parse(_ text: String) throws(PolicyParseError) -> PolicyDocument {
        guard text.utf8.count <= maximumTextBytes else {
            throw PolicyParseError(.tooLarge, "policy text is larger than \(maximumTextBytes) bytes", at: .start)
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw PolicyParseError(.jsonSyntax, error.message, at: error.location)
        }
        var document = try parse(root)
        document.nonWhitespaceLength = PolicySize.nonWhitespaceCount(text)
        return document
    }

    /// Parses an already-parsed JSON value (the size count is left at 0).
    package static func parse(_ root: JSONNode) throws(PolicyParseError) -> PolicyDocument {
        guard let members = root.objectValue else {
            throw PolicyParseError(.notAnObject, "a policy must be a JSON object, found \(root.typeName)", at: root.location)
        }
        var document = PolicyDocument(
            version: nil, versionLocation: nil, id: nil, statements: [], statementIsObject: false,
            nonWhitespaceLength: 0)
        var statementNode: JSONNode?
        for member in members {
            switch member.key {
            case "Version":
                guard let text = member.value.stringValue else {
                    throw typeError("Version", "a string", member.value, pointer: "/Version")
                }
                guard let version = PolicyVersion(rawValue: text) else {
                    throw PolicyParseError(
                        .invalidVersion, "unknown policy version `\(text)`, expected `2012-10-17` or `2008-10-17`",
                        at: member.value.location, pointer: "/Version")
                }
                document.version = version
                document.versionLocation = member.value.location
            case "Id":
                guard let text = member.value.stringValue else {
                    throw typeError("Id", "a string", member.value, pointer: "/Id")
                }
                document.id = Located(text, at: member.value.location, pointer: "/Id")
            case "Statement":
                statementNode = member.value
            default:
                throw PolicyParseError(
                    .unknownElement, "unknown policy element `\(member.key)`", at: member.keyLocation,
                    pointer: "/" + JSONPointer.escape(member.key))
            }
        }
        guard let statementNode else {
            throw PolicyParseError(.missingStatement, "the policy has no `Statement` element", at: root.location)
        }
        switch statementNode.kind {
        case .object:
            document.statementIsObject = true
            document.statements = [try StatementParser.parse(statementNode, index: 0, pointer: "/Statement")]
        case .array(let elements):
            guard !elements.isEmpty else {
                throw PolicyParseError(.emptyValue, "`Statement` is an empty array", at: statementNode.location,
                                       pointer: "/Statement")
            }
            for (index, element) in elements.enumerated() {
                document.statements.append(
                    try StatementParser.parse(element, index: index, pointer: "/Statement/\(index)"))
            }
        default:
            throw typeError("Statement", "an object or an array of objects", statementNode, pointer: "/Statement")
        }
        return document
    }

    static func typeError(_ element: String, _ expected: String, _ node: JSONNode, pointer: String) -> PolicyParseError {
        PolicyParseError(.invalidType, "`\(element)` must be \(expected), found \(node.typeName)",
                         at: node.location, pointer: pointer)
    }
}
