import AWSQuery
import IAMFederation
import IAMModel
import IAMStorage

/// The sessions of AssumeRoleWithWebIdentity and AssumeRoleWithSAML (already verified and
/// authorized by the trust policy).
extension STSHandlers {
    func roleSessionName(_ p: QueryParameters) throws -> String {
        let name = try p.required("RoleSessionName")
        guard (2...64).contains(name.count), name.unicodeScalars.allSatisfy(IAMNames.isSerialCharacter) else {
            throw AWSServiceError.validationError(IAMNames.violation(name, at: "roleSessionName",
                "Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*"))
        }
        return name
    }

    func assumeRoleWithWebIdentity(_ p: QueryParameters, roleARN: String, sessionName: String,
                                   claims: WebIdentityClaims) async throws -> String {
        let tags = claims.principalTags.map { IAMTag(key: $0.key, value: $0.value) }
        let (role, credentials, packed) = try await federatedSession(p, roleARN: roleARN, sessionName: sessionName, tags: tags,
                                                                     transitive: claims.transitiveTagKeys,
                                                                     sourceIdentity: claims.sourceIdentity, notAfter: nil,
                                                                     fallbackDuration: nil)
        var xml = XMLWriter()
        xml.raw(credentials)
        xml.element("SubjectFromWebIdentityToken", claims.subject)
        assumedRoleUser(&xml, role, sessionName)
        xml.element("PackedPolicySize", packed)
        xml.element("Provider", claims.issuer)
        xml.element("Audience", claims.audience)
        xml.optionalElement("SourceIdentity", claims.sourceIdentity)
        return xml.text
    }

    func assumeRoleWithSAML(_ p: QueryParameters, roleARN: String, provider: IAMSAMLProvider,
                            claims: SAMLAssertionClaims) async throws -> String {
        let tags = claims.principalTags.map { IAMTag(key: $0.key, value: $0.value) }
        let sessionName = claims.roleSessionName
        let (role, credentials, packed) = try await federatedSession(p, roleARN: roleARN, sessionName: sessionName, tags: tags,
                                                                     transitive: claims.transitiveTagKeys,
                                                                     sourceIdentity: claims.sourceIdentity,
                                                                     notAfter: claims.sessionNotOnOrAfter,
                                                                     fallbackDuration: claims.sessionDuration)
        var xml = XMLWriter()
        xml.raw(credentials)
        assumedRoleUser(&xml, role, sessionName)
        xml.element("PackedPolicySize", packed)
        xml.element("Subject", claims.subject)
        xml.optionalElement("SubjectType", claims.subjectType)
        xml.element("Issuer", claims.issuer)
        xml.element("Audience", claims.audience)
        xml.element("NameQualifier", claims.nameQualifier(accountID: provider.accountID, providerName: provider.name))
        xml.optionalElement("SourceIdentity", claims.sourceIdentity)
        return xml.text
    }

    private func assumedRoleUser(_ xml: inout XMLWriter, _ role: IAMRole, _ sessionName: String) {
        xml.open("AssumedRoleUser")
        xml.element("AssumedRoleId", "\(role.id):\(sessionName)")
        xml.element("Arn", "arn:aws:sts::\(role.accountID):assumed-role/\(role.name)/\(sessionName)")
        xml.close("AssumedRoleUser")
    }

    /// A role session for a federated identity: duration within the role's maximum (and before
    /// the assertion's SessionNotOnOrAfter), session policies, the identity's tags.
    private func federatedSession(_ p: QueryParameters, roleARN: String, sessionName: String, tags: [IAMTag],
                                  transitive: [String], sourceIdentity: String?, notAfter: Int64?,
                                  fallbackDuration: Int?) async throws -> (IAMRole, String, Int) {
        guard let parts = RoleARN(roleARN), let role = try await store.role(accountID: parts.account, name: parts.name),
              role.arn == roleARN else {
            throw AWSServiceError.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity")
        }
        var seconds = try duration(p, fallback: fallbackDuration ?? 3_600, range: 900...43_200)
        guard seconds <= role.maxSessionDuration else {
            throw AWSServiceError.validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        if let notAfter { seconds = min(seconds, Int(max(0, notAfter - now()))) }
        let (documents, arns) = try sessionPolicies(p)
        let packed = try packedPolicySize(documents: documents, tags: tags)
        let identity = SessionIdentity(kind: .assumedRole(roleID: role.id, roleName: role.name, rolePath: role.path),
                                       name: sessionName, policyDocuments: documents, policyARNs: arns, tags: tags,
                                       transitiveTagKeys: transitive, sourceIdentity: sourceIdentity)
        let owner = Caller(accountID: role.accountID, user: nil, accessKeyID: "")
        let issued = try await issue(owner, userID: nil, duration: seconds, mfaAuthenticatedAt: nil, kind: "assumed-role",
                                     roleID: role.id, identity: identity)
        return (role, issued.xml, packed)
    }
}
