import AWSQuery
import IAMModel
import IAMStorage

/// AssumeRole: the gate already checked the caller's permission and the role's trust policy
/// (with sts:TagSession / sts:SetSourceIdentity when the request needs them).
extension STSHandlers {
    func assumeRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let roleARN = try p.required("RoleArn")
        let sessionName = try p.required("RoleSessionName")
        guard (2...64).contains(sessionName.count), sessionName.unicodeScalars.allSatisfy(IAMNames.isSerialCharacter) else {
            throw AWSServiceError.validationError(IAMNames.violation(sessionName, at: "roleSessionName",
                "Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*"))
        }
        if let external = p["ExternalId"], !(2...1_224).contains(external.count) {
            throw AWSServiceError.validationError(IAMNames.violation(external, at: "externalId",
                "Member must have length between 2 and 1224"))
        }
        guard let role = try await roleNamed(roleARN, caller) else {
            throw AWSServiceError.accessDenied("User: \(caller.arn) is not authorized to perform: sts:AssumeRole on resource: \(roleARN)")
        }
        // Role chaining (a role session assuming a role) is capped at one hour.
        let chained = caller.assumed.map { if case .assumedRole = $0.kind { true } else { false } } ?? false
        let ceiling = chained ? 3_600 : role.maxSessionDuration
        let seconds = try duration(p, fallback: 3_600, range: 900...43_200)
        guard seconds <= ceiling else {
            throw AWSServiceError.validationError(
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        let (documents, arns) = try sessionPolicies(p)
        var tags = try p.tags()
        let transitive = try p.list("TransitiveTagKeys", limit: 50) ?? []
        for key in transitive where !tags.contains(where: { $0.key.lowercased() == key.lowercased() }) {
            throw AWSServiceError.stsInvalidParameter("The specified transitive tag key must be included in the requested tags.")
        }
        var transitiveKeys = transitive
        var sourceIdentity = p["SourceIdentity"]
        if let inherited = caller.assumed {
            // Transitive tags and the source identity of a chained session carry over.
            for key in inherited.transitiveTagKeys {
                guard let tag = inherited.tags.first(where: { $0.key.lowercased() == key.lowercased() }) else { continue }
                if tags.contains(where: { $0.key.lowercased() == key.lowercased() }) {
                    throw AWSServiceError.stsInvalidParameter("One or more session tags is already set as a transitive tag.")
                }
                tags.append(tag)
                transitiveKeys.append(key)
            }
            if let source = inherited.sourceIdentity {
                if let asked = sourceIdentity, asked != source {
                    throw AWSServiceError.stsInvalidParameter("The source identity of a chained session cannot be changed.")
                }
                sourceIdentity = source
            }
        }
        if let source = sourceIdentity {
            guard (2...64).contains(source.count), source.unicodeScalars.allSatisfy(IAMNames.isSerialCharacter),
                  !source.lowercased().hasPrefix("aws:") else {
                throw AWSServiceError.validationError(IAMNames.violation(source, at: "sourceIdentity",
                    "Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*"))
            }
        }
        let packed = try packedPolicySize(documents: documents, tags: tags)
        let identity = SessionIdentity(kind: .assumedRole(roleID: role.id, roleName: role.name, rolePath: role.path),
                                       name: sessionName, policyDocuments: documents, policyARNs: arns, tags: tags,
                                       transitiveTagKeys: transitiveKeys, sourceIdentity: sourceIdentity)
        // MFA given with this request was verified before the gate; a chained session keeps its own.
        let mfaAt: Int64? = p["TokenCode"] != nil ? now() : caller.session?.mfaAuthenticatedAt
        let issued = try await issue(caller, userID: nil, duration: seconds, mfaAuthenticatedAt: mfaAt, kind: "assumed-role",
                                     roleID: role.id, identity: identity)
        var xml = XMLWriter()
        xml.raw(issued.xml)
        xml.open("AssumedRoleUser")
        xml.element("AssumedRoleId", "\(role.id):\(sessionName)")
        xml.element("Arn", "arn:aws:sts::\(role.accountID):assumed-role/\(role.name)/\(sessionName)")
        xml.close("AssumedRoleUser")
        xml.element("PackedPolicySize", packed)
        xml.optionalElement("SourceIdentity", sourceIdentity)
        return xml.text
    }

    /// The role an ARN names in the caller's account (with its exact path), if it exists.
    func roleNamed(_ arn: String, _ caller: Caller) async throws -> IAMRole? {
        guard let parts = RoleARN(arn), let role = try await store.role(accountID: parts.account, name: parts.name),
              role.arn == arn else { return nil }
        return role
    }
}

/// The account and name of `arn:aws:iam::ACCOUNT:role/path/Name`.
struct RoleARN {
    let account: String
    let name: String

    init?(_ arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty, parts[5].hasPrefix("role/"),
              let name = parts[5].split(separator: "/").last, !name.isEmpty else { return nil }
        account = String(parts[4])
        self.name = String(name)
    }
}

extension AWSServiceError {
    static func stsInvalidParameter(_ message: String) -> Self { .init("InvalidParameterValue", message, status: 400) }
}
