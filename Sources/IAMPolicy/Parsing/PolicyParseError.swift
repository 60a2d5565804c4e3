/// A policy document that cannot be parsed. `awsMessage` is the text AWS returns with
/// `MalformedPolicyDocument`; `detail` says precisely what is wrong and `location` where.
public struct PolicyParseError: Error, Sendable, CustomStringConvertible {
    /// An extensible error code (new codes can be added without breaking callers).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case jsonSyntax, tooLarge, notAnObject, unknownElement, invalidVersion, invalidType
            case missingStatement, emptyValue, missingEffect, invalidEffect, missingAction
            case conflictingElements, unknownConditionOperator, invalidConditionValue, invalidPrincipal
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public static let jsonSyntax = Code(.jsonSyntax)
        public static let tooLarge = Code(.tooLarge)
        public static let notAnObject = Code(.notAnObject)
        public static let unknownElement = Code(.unknownElement)
        public static let invalidVersion = Code(.invalidVersion)
        public static let invalidType = Code(.invalidType)
        public static let missingStatement = Code(.missingStatement)
        public static let emptyValue = Code(.emptyValue)
        public static let missingEffect = Code(.missingEffect)
        public static let invalidEffect = Code(.invalidEffect)
        public static let missingAction = Code(.missingAction)
        public static let conflictingElements = Code(.conflictingElements)
        public static let unknownConditionOperator = Code(.unknownConditionOperator)
        public static let invalidConditionValue = Code(.invalidConditionValue)
        public static let invalidPrincipal = Code(.invalidPrincipal)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// What AWS says for this problem (`Syntax errors in policy.` for most).
    public var awsMessage: String
    /// Our precise description (lowercase, no final period, user input in backticks).
    public var detail: String
    public var location: SourceLocation
    /// JSON pointer of the offending element, where known.
    public var pointer: String

    public init(_ code: Code, _ detail: String, at location: SourceLocation, pointer: String = "",
                awsMessage: String = PolicyParseError.syntaxErrors) {
        self.code = code
        self.detail = detail
        self.location = location
        self.pointer = pointer
        self.awsMessage = awsMessage
    }

    public static let syntaxErrors = "Syntax errors in policy."

    public var description: String { "\(location): \(detail)" }
}
