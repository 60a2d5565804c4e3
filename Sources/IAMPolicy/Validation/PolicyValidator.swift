/// Checks a policy document the way IAM does before accepting it, and adds warnings for
/// documents that are valid but probably not what their author meant. Errors carry AWS's
/// `MalformedPolicyDocument`/`LimitExceeded` wording; every finding carries its location.
public enum PolicyValidator {
    /// `enforceSizeQuota` is false for AWS managed policies, which AWS's customer quotas do not bind.
    public static func validate(_ text: String, as type: PolicyType, enforceSizeQuota: Bool = true) -> [PolicyDiagnostic] {
        let document: PolicyDocument
        do {
            document = try PolicyParser.parse(text)
        } catch {
            return [.error(error.code.description, error.detail, aws: error.awsMessage, at: error.location,
                           pointer: error.pointer)]
        }
        return validate(document, as: type, enforceSizeQuota: enforceSizeQuota)
    }

    public static func validate(_ document: PolicyDocument, as type: PolicyType, enforceSizeQuota: Bool = true) -> [PolicyDiagnostic] {
        var out: [PolicyDiagnostic] = []
        let quota = type.sizeQuota
        if enforceSizeQuota && document.nonWhitespaceLength > quota.limit {
            out.append(.error("sizeQuota",
                              "the policy has \(document.nonWhitespaceLength) non-whitespace characters, more than the \(type.rawValue) policy quota of \(quota.limit)",
                              aws: "Cannot exceed quota for \(quota.name): \(quota.limit)", at: .start,
                              awsCode: "LimitExceeded"))
        }
        checkVersion(document, type, &out)
        if type.isIdentityStyle, let id = document.id {
            out.append(.warning("idInIdentityPolicy", "`Id` has no meaning in an identity policy",
                                at: id.location, pointer: id.pointer))
        }
        var sids: Set<String> = []
        for statement in document.statements {
            if let sid = statement.sid {
                if !sid.value.isEmpty && !sids.insert(sid.value).inserted {
                    out.append(.error("duplicateSid", "duplicate Sid `\(sid.value)`",
                                      aws: "Statement IDs (SID) in a single policy must be unique.",
                                      at: sid.location, pointer: sid.pointer))
                }
                if type != .resource && !sid.value.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
                    out.append(.error("sidCharacters", "Sid `\(sid.value)` may contain only letters and digits",
                                      aws: "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
                                      at: sid.location, pointer: sid.pointer))
                }
            }
            StatementChecks.check(statement, type, &out)
            ConditionChecks.check(statement, version: document.version, &out)
        }
        return out
    }

    private static func checkVersion(_ document: PolicyDocument, _ type: PolicyType, _ out: inout [PolicyDiagnostic]) {
        let message = "Policy document must be version 2012-10-17 or greater."
        switch (document.version, type.isIdentityStyle) {
        case (.v2012_10_17, _):
            break
        case (.v2008_10_17, true):
            out.append(.error("oldVersion", "identity policies must use Version `2012-10-17`", aws: message,
                              at: document.versionLocation ?? .start, pointer: "/Version"))
        case (nil, true):
            out.append(.error("missingVersion", "the policy has no `Version`; identity policies need `2012-10-17`",
                              aws: message, at: .start))
        case (.v2008_10_17, false):
            out.append(.warning("oldVersion", "Version `2008-10-17` treats `${...}` as literal text",
                                at: document.versionLocation ?? .start, pointer: "/Version"))
        case (nil, false):
            out.append(.warning("missingVersion", "the policy has no `Version`, so `2008-10-17` rules apply", at: .start))
        }
    }
}
