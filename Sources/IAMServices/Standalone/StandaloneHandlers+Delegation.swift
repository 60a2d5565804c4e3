import AWSQuery
import IAMModel

/// Delegation requests as a standalone account sees them: it cannot create any (only onboarded AWS Partners can) and
/// none was ever addressed to it, so every request id is unknown. Parameters are checked as the model says first.
extension StandaloneHandlers {
    func createDelegationRequest(_ p: QueryParameters, _ caller: Caller) throws -> String? {
        _ = try FieldRules.matching(p, "OwnerAccountId", pattern: "\\d{12}", regex: "[0-9]{12}")
        _ = try FieldRules.text(p, "Description", required: true, max: 1_000, pattern: Self.textPattern,
                                allowed: FieldRules.isPrintableText)
        try delegationPermissions(p)
        _ = try FieldRules.text(p, "RequestMessage", max: 200, pattern: Self.textPattern, allowed: FieldRules.isPrintableText)
        _ = try FieldRules.text(p, "RequestorWorkflowId", required: true, min: 5, max: 400,
                                pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]+",
                                allowed: FieldRules.isPrintableText)
        _ = try FieldRules.matching(p, "RedirectUrl", min: 1, max: 255,
                                    pattern: "^http(s?)://[a-zA-Z0-9._/-]*(\\?[a-zA-Z0-9._=&-]*)?(#[a-zA-Z0-9._/-]*)?$",
                                    regex: "https?://[a-zA-Z0-9._/-]*(\\?[a-zA-Z0-9._=&-]*)?(#[a-zA-Z0-9._/-]*)?")
        _ = try FieldRules.matching(p, "NotificationChannel", required: true, min: 2, max: 400,
                                    pattern: "^[a-zA-Z0-9:_.-]+$", regex: "[a-zA-Z0-9:_.-]+")
        _ = try FieldRules.integer(p, "SessionDuration", required: true, in: 300...43_200)
        _ = try p.bool("OnlySendByOwner")
        throw AWSServiceError.accessDenied(
            "User: \(caller.arn) is not authorized to perform: iam:CreateDelegationRequest because the account "
                + "\(caller.accountID) is not onboarded for IAM temporary delegation")
    }

    func getDelegationRequest(_ p: QueryParameters) throws -> String? {
        let id = try delegationRequestID(p)
        _ = try p.bool("DelegationPermissionCheck")
        throw Self.noSuchDelegationRequest(id)
    }

    func listDelegationRequests(_ p: QueryParameters) throws -> String? {
        _ = try FieldRules.matching(p, "OwnerId", min: 20, max: 2_048, pattern: "^[a-zA-Z0-9:/+=,.@_-]+$",
                                    regex: "[a-zA-Z0-9:/+=,.@_-]+")
        let page = try Paginator.page([String](), marker: p["Marker"], maxItems: try p.int("MaxItems"))
        return write { xml in
            xml.open("DelegationRequests")
            xml.close("DelegationRequests")
            // The model spells this member `isTruncated`.
            xml.element("isTruncated", page.isTruncated)
        }
    }

    // MARK: Shared

    static let textPattern = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"

    func delegationRequestID(_ p: QueryParameters) throws -> String {
        try FieldRules.text(p, "DelegationRequestId", required: true, min: 16, max: 128, pattern: "[\\w-]+",
                            allowed: FieldRules.isWordOrHyphen) ?? ""
    }

    func notes(_ p: QueryParameters) throws -> String? {
        try FieldRules.text(p, "Notes", max: 500, pattern: Self.textPattern, allowed: FieldRules.isPrintableText)
    }

    static func noSuchDelegationRequest(_ id: String) -> AWSServiceError {
        .noSuchEntity("The delegation request with id \(id) cannot be found.")
    }

    /// `Permissions` (required): `PolicyTemplateArn` (20–2048) and up to 50 `Parameters`, each with a `Name` (5–256
    /// printable ASCII), `Values` (printable ASCII) and a `Type` (`string` or `stringList`).
    func delegationPermissions(_ p: QueryParameters) throws {
        guard let permissions = p.structure("Permissions") else {
            // An empty structure is sent as nothing at all; it is still present for the model.
            if p["Permissions"] != nil { return }
            throw AWSServiceError.missingParameter("Permissions")
        }
        if let arn = permissions["PolicyTemplateArn"], !(20...2_048).contains(arn.unicodeScalars.count) {
            throw AWSServiceError.validationError(IAMNames.violation(
                arn, at: "permissions.policyTemplateArn", "Member must have length between 20 and 2048"))
        }
        guard let parameters = try permissions.structureList("Parameters", limit: 1_000) else { return }
        guard parameters.count <= 50 else {
            throw AWSServiceError.validationError(IAMNames.violation(
                "[...]", at: "permissions.parameters", "Member must have length less than or equal to 50"))
        }
        for parameter in parameters {
            _ = try FieldRules.text(parameter, "Name", min: 5, max: 256, pattern: "[ -~]+", allowed: FieldRules.isPrintableASCII)
            for value in try parameter.list("Values") ?? [] where value.isEmpty || !value.unicodeScalars.allSatisfy(FieldRules.isPrintableASCII) {
                throw AWSServiceError.validationError(IAMNames.violation(
                    value, at: "permissions.parameters.member.values.member", "Member must satisfy regular expression pattern: [ -~]+"))
            }
            _ = try FieldRules.oneOf(parameter, "Type", ["string", "stringList"])
        }
    }
}
