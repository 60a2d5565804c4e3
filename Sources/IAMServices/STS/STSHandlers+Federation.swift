import AWSQuery
import IAMModel
import IAMStorage

/// GetFederationToken and GetAccessKeyInfo.
extension STSHandlers {
    func getFederationToken(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard caller.session == nil else {
            throw AWSServiceError.accessDenied("Cannot call GetFederationToken with session credentials")
        }
        let name = try p.required("Name")
        guard (2...32).contains(name.count), name.unicodeScalars.allSatisfy(IAMNames.isSerialCharacter) else {
            throw AWSServiceError.validationError(IAMNames.violation(name, at: "name",
                "Member must have length between 2 and 32 and satisfy regular expression pattern: [\\w+=,.@-]*"))
        }
        let requested = try duration(p, fallback: caller.isRoot ? 3_600 : 43_200, range: 900...129_600)
        let seconds = caller.isRoot ? min(requested, 3_600) : requested
        let (documents, arns) = try sessionPolicies(p)
        let tags = try p.tags()
        let packed = try packedPolicySize(documents: documents, tags: tags)
        let identity = SessionIdentity(kind: .federatedUser, name: name, policyDocuments: documents, policyARNs: arns, tags: tags)
        let issued = try await issue(caller, userID: caller.user?.id, duration: seconds, mfaAuthenticatedAt: nil,
                                     kind: "federated-user", identity: identity)
        var xml = XMLWriter()
        xml.raw(issued.xml)
        xml.open("FederatedUser")
        xml.element("FederatedUserId", "\(caller.accountID):\(name)")
        xml.element("Arn", IAMARN.federatedUser(caller.accountID, name: name))
        xml.close("FederatedUser")
        xml.element("PackedPolicySize", packed)
        return xml.text
    }

    /// The account an access key belongs to (long-term or temporary).
    func getAccessKeyInfo(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let keyID = try p.required("AccessKeyId")
        guard (16...128).contains(keyID.count), keyID.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
            throw AWSServiceError.validationError(IAMNames.violation(keyID, at: "accessKeyId",
                "Member must have length between 16 and 128 and satisfy regular expression pattern: [\\w]*"))
        }
        let account: String?
        if keyID.hasPrefix("ASIA") {
            account = try await store.session(accessKeyID: keyID)?.accountID
        } else {
            account = try await store.accessKey(id: keyID)?.accountID
        }
        // AWS reads the account out of the key id itself; Warden's key ids carry no account, so a
        // key this server never issued has no answer.
        guard let account else {
            throw AWSServiceError("InvalidParameterValue", "The access key ID \(keyID) was not issued by this server.", status: 400)
        }
        var xml = XMLWriter()
        xml.element("Account", account)
        return xml.text
    }
}
