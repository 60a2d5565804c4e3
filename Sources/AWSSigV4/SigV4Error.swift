/// Why a request's SigV4 signature was not accepted, with the AWS error code, HTTP status and
/// the message AWS returns. Messages never contain secret keys.
public struct SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// An extensible error code (new codes can be added without breaking callers).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case missingAuthenticationToken, incompleteSignature, signatureDoesNotMatch, requestExpired
            case invalidQueryParameter
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The request carries no signature at all (`MissingAuthenticationToken`, 403).
        public static let missingAuthenticationToken = Code(.missingAuthenticationToken)
        /// The signature is malformed or incomplete (`IncompleteSignature`, 400).
        public static let incompleteSignature = Code(.incompleteSignature)
        /// The signature or its scope is wrong (`SignatureDoesNotMatch`, 403).
        public static let signatureDoesNotMatch = Code(.signatureDoesNotMatch)
        /// The request time is outside the allowed window, or a presigned URL has expired (`RequestExpired`, 400).
        public static let requestExpired = Code(.requestExpired)
        /// A presigned query parameter has an invalid value (`InvalidQueryParameter`, 400).
        public static let invalidQueryParameter = Code(.invalidQueryParameter)

        /// The AWS error code, as it appears in `<Code>` of an error response.
        public var awsCode: String {
            switch value {
            case .missingAuthenticationToken: "MissingAuthenticationToken"
            case .incompleteSignature: "IncompleteSignature"
            case .signatureDoesNotMatch: "SignatureDoesNotMatch"
            case .requestExpired: "RequestExpired"
            case .invalidQueryParameter: "InvalidQueryParameter"
            }
        }

        /// The HTTP status AWS answers with for this code.
        public var httpStatus: Int {
            switch value {
            case .missingAuthenticationToken, .signatureDoesNotMatch: 403
            case .incompleteSignature, .requestExpired, .invalidQueryParameter: 400
            }
        }

        /// The AWS error code.
        public var description: String { awsCode }
    }

    /// The error code.
    public var code: Code
    /// AWS's wording for the problem.
    public var message: String

    /// Creates an error with a code and an AWS-style message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `Code: message`, for logs.
    public var description: String { "\(code.awsCode): \(message)" }
}
