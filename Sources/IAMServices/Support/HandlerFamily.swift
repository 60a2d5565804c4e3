import AWSQuery
import IAMModel
import IAMPolicy
import IAMPolicyCatalog
import IAMStorage

/// What the IAM handler families share: the store, the AWS managed policy catalog and the clock,
/// and the checks every family applies the same way (policy documents, managed policy lookups).
protocol HandlerFamily: Sendable {
    var store: any IAMStore { get }
    var catalog: ManagedPolicyCatalog { get }
    var now: @Sendable () -> Int64 { get }
}

extension HandlerFamily {
    func write(_ body: (inout XMLWriter) -> Void) -> String {
        var xml = XMLWriter()
        body(&xml)
        return xml.text
    }

    func maxItems(_ p: QueryParameters) throws -> Int? { try p.int("MaxItems") }

    /// A policy document parameter, checked as IAM checks it before storing.
    func policyDocument(_ p: QueryParameters, _ parameter: String = "PolicyDocument", as type: PolicyType = .identity,
                        enforceSizeQuota: Bool = true) throws -> String {
        let text = try p.required(parameter)
        guard text.count <= 131_072 else {
            throw AWSServiceError.validationError(IAMNames.violation("...", at: AWSServiceError.lowerFirst(parameter),
                                                                     "Member must have length less than or equal to 131072"))
        }
        guard text.unicodeScalars.allSatisfy({ $0 == "\t" || $0 == "\n" || $0 == "\r" || (0x20...0xFF).contains($0.value) }) else {
            throw AWSServiceError.validationError(IAMNames.violation("...", at: AWSServiceError.lowerFirst(parameter),
                                                                     "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"))
        }
        let findings = PolicyValidator.validate(text, as: type, enforceSizeQuota: enforceSizeQuota)
        if let error = findings.first(where: { $0.severity == .error }) {
            if error.awsErrorCode == "LimitExceeded" { throw AWSServiceError.limitExceeded(error.message) }
            throw AWSServiceError.malformedPolicyDocument(error.message)
        }
        return text
    }

    /// A customer managed policy of the caller's account by ARN, or an AWS managed one.
    func managedPolicy(_ arn: String, _ caller: Caller, notFound: String? = nil) async throws -> (ManagedPolicyView, IAMManagedPolicy?) {
        let message = notFound ?? "Policy \(arn) was not found."
        if arn.hasPrefix(IAMARN.awsManagedPrefix) {
            guard let policy = catalog.policy(arn) else { throw AWSServiceError.noSuchEntity(message) }
            return (ManagedPolicyView(policy, attachmentCount: try await store.attachmentCount(policyARN: arn)), nil)
        }
        guard let parts = IAMARN.parsePolicy(arn) else {
            throw AWSServiceError.invalidInput("ARN \(arn) is not valid.")
        }
        guard parts.account == caller.accountID,
              let policy = try await store.policy(accountID: parts.account, name: parts.name), policy.arn == arn else {
            throw AWSServiceError.noSuchEntity(message)
        }
        return (ManagedPolicyView(policy), policy)
    }

    func requireAttachablePolicy(_ arn: String, _ caller: Caller) async throws {
        _ = try await managedPolicy(arn, caller, notFound: "Policy \(arn) does not exist or is not attachable.")
    }
}
