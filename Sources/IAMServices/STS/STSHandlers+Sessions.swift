import AWSQuery
import Foundation
import IAMModel
import IAMPolicy
import IAMStorage

/// What every STS operation that issues credentials shares: session policies, session tags,
/// the packed-size check, and storing the new credentials.
extension STSHandlers {
    /// The most AWS packs into a session (session policies and tags), in characters of compact JSON.
    static let packedLimit = 2_048

    /// `Policy` (inline session policy) and `PolicyArns.member.N` (up to 10 managed policies).
    func sessionPolicies(_ p: QueryParameters) throws -> (documents: [String], arns: [String]) {
        var documents: [String] = []
        if let text = p["Policy"] {
            guard (1...Self.packedLimit).contains(text.count) else {
                throw AWSServiceError.validationError(IAMNames.violation("...", at: "policy",
                    "Member must have length less than or equal to \(Self.packedLimit)"))
            }
            let findings = PolicyValidator.validate(text, as: .identity, enforceSizeQuota: false)
            if let error = findings.first(where: { $0.severity == .error }) {
                throw AWSServiceError.malformedPolicyDocument(error.message)
            }
            documents.append(text)
        }
        var arns: [String] = []
        if let list = try p.structureList("PolicyArns", limit: 100) {
            guard list.count <= 10 else {
                throw AWSServiceError.validationError(IAMNames.violation("...", at: "policyArns",
                                                                         "Member must have length less than or equal to 10"))
            }
            for item in list {
                guard let arn = item["arn"], arn.count >= 20, arn.count <= 2048,
                      arn.hasPrefix(IAMARN.awsManagedPrefix) || IAMARN.parsePolicy(arn) != nil else {
                    throw AWSServiceError.validationError("The policy ARN \(item["arn"] ?? "") is not valid.")
                }
                arns.append(arn)
            }
        }
        return (documents, arns)
    }

    /// The packed size of session policies and tags as a percentage of the limit (AWS's
    /// `PackedPolicySize`); `PackedPolicyTooLarge` above 100%.
    func packedPolicySize(documents: [String], tags: [IAMTag]) throws -> Int {
        let policyCharacters = documents.reduce(0) { $0 + compact($1).count }
        let tagCharacters = tags.reduce(0) { $0 + $1.key.count + $1.value.count + 4 }
        let percent = (policyCharacters + tagCharacters) * 100 / Self.packedLimit
        guard percent <= 100 else {
            throw AWSServiceError("PackedPolicyTooLarge",
                                  "Packed policy consumes \(percent)% of allotted space, please use smaller policy.", status: 400)
        }
        return percent
    }

    /// A document without insignificant whitespace (what AWS packs).
    func compact(_ json: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for character in json {
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
                out.append(character)
            } else if !character.isWhitespace {
                out.append(character)
            }
        }
        return out
    }

    /// Stores new temporary credentials and returns the `Credentials` element.
    func issue(_ caller: Caller, userID: String?, duration: Int, mfaAuthenticatedAt: Int64?, kind: String = "session-token",
               roleID: String? = nil, identity: SessionIdentity? = nil) async throws -> (xml: String, session: IAMSessionCredential) {
        var rng = SystemRandomNumberGenerator()
        let keyID = IAMIdentifiers.accessKeyID("ASIA", using: &rng)
        let secret = IAMIdentifiers.secretAccessKey(using: &rng)
        let token = Self.newSessionToken()
        let issued = now()
        var session = IAMSessionCredential(
            accessKeyID: keyID, accountID: caller.accountID, userID: userID,
            sealedSecret: try box.seal(secret, boundTo: keyID), tokenHash: SecretBox.tokenHash(token),
            issuedAt: issued, expiresAt: issued + Int64(duration), mfaAuthenticatedAt: mfaAuthenticatedAt)
        session.kind = kind
        session.roleID = roleID
        session.sessionName = identity?.name
        session.context = identity.map { SessionContext($0).json }
        try await store.createSession(session)
        var xml = XMLWriter()
        xml.open("Credentials")
        xml.element("AccessKeyId", keyID)
        xml.element("SecretAccessKey", secret)
        xml.element("SessionToken", token)
        xml.timestamp("Expiration", session.expiresAt)
        xml.close("Credentials")
        return (xml.text, session)
    }

    /// `DurationSeconds` within `range`, else AWS's validation error; `fallback` when absent.
    func duration(_ p: QueryParameters, fallback: Int, range: ClosedRange<Int>) throws -> Int {
        let requested = try p.int("DurationSeconds") ?? fallback
        guard range.contains(requested) else {
            throw AWSServiceError.validationError(IAMNames.violation(String(requested), at: "durationSeconds",
                "Member must have value \(requested < range.lowerBound ? "greater than or equal to \(range.lowerBound)" : "less than or equal to \(range.upperBound)")"))
        }
        return requested
    }
}
