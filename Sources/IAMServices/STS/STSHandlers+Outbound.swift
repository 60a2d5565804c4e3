import AWSQuery
import Crypto
import Foundation
import IAMModel
import IAMStorage

/// AssumeRoot, GetDelegatedAccessToken and GetWebIdentityToken: what a standalone account answers
/// (no organization, no delegation tokens) and outbound web identity federation's JWTs.
extension STSHandlers {
    static let rootTaskPolicies: Set<String> = [
        "IAMAuditRootUserCredentials", "IAMCreateRootUserPassword", "IAMDeleteRootUserCredentials", "S3UnlockBucketPolicy",
        "SQSUnlockQueuePolicy",
    ].reduce(into: Set<String>()) { $0.insert("arn:aws:iam::aws:policy/root-task/\($1)") }

    func assumeRoot(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let target = try p.required("TargetPrincipal")
        guard (12...2_048).contains(target.count) else {
            throw AWSServiceError.validationError(IAMNames.violation(target, at: "targetPrincipal",
                                                                     "Member must have length between 12 and 2048"))
        }
        guard let arn = try p.structure("TaskPolicyArn")?["arn"], Self.rootTaskPolicies.contains(arn) else {
            throw AWSServiceError.validationError("The TaskPolicyArn must be one of the AWS managed root task policies.")
        }
        _ = try duration(p, fallback: 900, range: 0...900)
        guard !caller.isRoot else {
            throw AWSServiceError.accessDenied("You cannot use root user credentials to call AssumeRoot.")
        }
        // Only a management (or delegated administrator) account of an organization with centralized
        // root access can target a member account; a standalone account has none.
        throw AWSServiceError.accessDenied(
            "The account \(caller.accountID) is not the management account of an organization with centralized root access enabled, so it cannot assume root in \(target).")
    }

    func getDelegatedAccessToken(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let token = try p.required("TradeInToken")
        guard !token.isEmpty, token.count <= 2_048 else {
            throw AWSServiceError.validationError(IAMNames.violation("***", at: "tradeInToken",
                                                                     "Member must have length between 1 and 2048"))
        }
        // A standalone account has no delegation requests, so no trade-in token is ever issued to it.
        throw AWSServiceError("ExpiredTradeInTokenException",
                              "The trade-in token provided in the request has expired or is not valid.", status: 400)
    }

    /// A JWT for the caller, signed with the account's outbound-federation ES384 key (derived from the
    /// master key, so it survives restarts and is the same on every node).
    func getWebIdentityToken(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let audiences = try p.list("Audience", limit: 100) ?? []
        guard (1...10).contains(audiences.count), audiences.allSatisfy({ (1...1_000).contains($0.count) }) else {
            throw AWSServiceError.validationError(IAMNames.violation("...", at: "audience",
                                                                     "Member must have length between 1 and 10"))
        }
        let algorithm = try p.required("SigningAlgorithm")
        guard algorithm == "RS256" || algorithm == "ES384" else {
            throw AWSServiceError.validationError(IAMNames.violation(algorithm, at: "signingAlgorithm",
                                                                     "Member must satisfy enum value set: [RS256, ES384]"))
        }
        let seconds = try duration(p, fallback: 300, range: 60...3_600)
        let tags = try p.tags()
        let settings = try await store.accountSettings(accountID: caller.accountID)
        guard settings.outboundFederationEnabled, let issuer = settings.outboundIssuer else {
            throw AWSServiceError("OutboundWebIdentityFederationDisabledException",
                                  "The outbound web identity federation feature is not enabled for this account.", status: 403)
        }
        let issued = now()
        var expires = issued + Int64(seconds)
        if let session = caller.session {
            guard expires <= session.expiresAt else {
                throw AWSServiceError("SessionDurationEscalationException",
                                      "The requested token duration would extend the session beyond its original expiration time.",
                                      status: 403)
            }
            expires = min(expires, session.expiresAt)
        }
        var claims: [String: Any] = ["iss": issuer, "sub": caller.principalARN, "iat": issued, "nbf": issued, "exp": expires,
                                     "aud": audiences.count == 1 ? audiences[0] : audiences,
                                     "jti": UUID().uuidString.lowercased()]
        if !tags.isEmpty {
            claims["https://aws.amazon.com/tags"] = ["principal_tags": Dictionary(uniqueKeysWithValues: tags.map { ($0.key, [$0.value]) })]
        }
        let payload = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        guard payload.count <= 8_192 else {
            throw AWSServiceError("JWTPayloadSizeExceededException",
                                  "The requested token payload size exceeds the maximum allowed size.", status: 400)
        }
        let header = try JSONSerialization.data(withJSONObject: ["alg": algorithm, "typ": "JWT", "kid": "\(caller.accountID)-\(algorithm)"],
                                                options: [.sortedKeys])
        let signingInput = Self.base64URL(header) + "." + Self.base64URL(payload)
        let signature = try sign(Data(signingInput.utf8), algorithm: algorithm, account: caller.accountID)
        var xml = XMLWriter()
        xml.element("WebIdentityToken", signingInput + "." + Self.base64URL(signature))
        xml.timestamp("Expiration", expires)
        return xml.text
    }

    private func sign(_ data: Data, algorithm: String, account: String) throws -> Data {
        if algorithm == "ES384" {
            let key = try P384.Signing.PrivateKey(rawRepresentation: box.derivedBytes("outbound-es384/\(account)", count: 48))
            return try key.signature(for: data).rawRepresentation
        }
        // RS256 would need an RSA key kept per account (an RSA key cannot be derived from the master
        // key cheaply); until the store keeps one, RS256 is refused clearly rather than faked.
        throw AWSServiceError("ValidationError",
                              "Warden signs outbound web identity tokens with ES384 only; ask for SigningAlgorithm ES384.", status: 400)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
