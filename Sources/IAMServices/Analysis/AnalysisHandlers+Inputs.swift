import AWSQuery
import IAMModel
import IAMPolicy

extension AnalysisHandlers {
    /// The documents of a `SimulationPolicyListType` parameter (`PolicyInputList.member.N`), each
    /// named `PolicyInputList.N` as the simulator reports it. Every document must parse (InvalidInput
    /// otherwise); `identity` documents may not name a Principal.
    static func policyInputs(_ p: QueryParameters, _ parameter: String, identity: Bool) throws -> [NamedPolicy] {
        let texts = try p.list(parameter) ?? []
        return try texts.enumerated().map { index, text in
            try policyInput(text, parameter: parameter, id: "\(parameter).\(index + 1)",
                            field: "\(AWSServiceError.lowerFirst(parameter)).\(index + 1).member", identity: identity)
        }
    }

    /// One document given in the request: `policyDocumentType` (1 to 131,072 characters of TAB, LF,
    /// CR and U+0020-U+00FF), then the policy grammar.
    static func policyInput(_ text: String, parameter: String, id: String, field: String, identity: Bool) throws -> NamedPolicy {
        if text.isEmpty {
            throw AWSServiceError.validationError(IAMNames.violation(text, at: field, "Member must have length greater than or equal to 1"))
        }
        guard text.count <= 131_072 else {
            throw AWSServiceError.validationError(IAMNames.violation("...", at: field, "Member must have length less than or equal to 131072"))
        }
        guard text.unicodeScalars.allSatisfy({ $0 == "\t" || $0 == "\n" || $0 == "\r" || (0x20...0xFF).contains($0.value) }) else {
            throw AWSServiceError.validationError(IAMNames.violation("...", at: field,
                "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"))
        }
        let document: PolicyDocument
        do {
            document = try PolicyParser.parse(text)
        } catch {
            throw AWSServiceError.invalidInput(error.awsMessage)
        }
        if identity && document.statements.contains(where: { $0.principal != nil }) {
            throw AWSServiceError.invalidInput("Policy document should not specify a principal.")
        }
        let origin: NamedPolicy.Origin = parameter == "ResourcePolicy" ? .resource : .input(id)
        return NamedPolicy(name: id, origin: origin, text: text, document: document)
    }

    func getContextKeysForCustomPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard p["PolicyInputList"] != nil || p.names.contains(where: { $0.hasPrefix("PolicyInputList.") }) else {
            throw AWSServiceError.missingParameter("PolicyInputList")
        }
        let inputs = try Self.policyInputs(p, "PolicyInputList", identity: false)
        return contextKeysResult(inputs.map(\.document))
    }

    /// The keys of a user's, group's or role's permissions policies (a user's include its groups'),
    /// then of the documents in `PolicyInputList`.
    func getContextKeysForPrincipalPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let arn = try arnParameter(p, "PolicySourceArn")
        let inputs = try Self.policyInputs(p, "PolicyInputList", identity: false)
        let entity = try await entity(arn, allowing: [.user, .group, .role], caller)
        let policies = try await permissionsPolicies(entity, caller)
        return contextKeysResult((policies + inputs).map(\.document))
    }

    private func contextKeysResult(_ documents: [PolicyDocument]) -> String {
        write { $0.stringList("ContextKeyNames", ContextKeyCollector.keys(documents)) }
    }
}
