import AWSQuery
import Crypto
import Foundation
import IAMModel
import IAMStorage

/// STS: GetCallerIdentity and GetSessionToken. Neither needs a permission (iam-facts §5).
struct STSHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let now: @Sendable () -> Int64

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        switch operation {
        case .getCallerIdentity:
            var xml = XMLWriter()
            xml.element("Arn", caller.arn)
            xml.element("UserId", caller.userID)
            xml.element("Account", caller.accountID)
            return xml.text
        case .getSessionToken:
            return try await getSessionToken(p, caller)
        default:
            throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    func getSessionToken(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard caller.session == nil else {
            throw AWSServiceError.accessDenied("Cannot call GetSessionToken with session credentials")
        }
        let maximum = caller.isRoot ? 3_600 : 129_600
        let duration = try p.int("DurationSeconds") ?? (caller.isRoot ? 3_600 : 43_200)
        guard (900...maximum).contains(duration) else {
            throw AWSServiceError.validationError(IAMNames.violation(String(duration), at: "durationSeconds",
                "Member must have value \(duration < 900 ? "greater than or equal to 900" : "less than or equal to \(maximum)")"))
        }
        if p["SerialNumber"] != nil || p["TokenCode"] != nil {
            // No MFA device can be verified yet (virtual MFA arrives with the self-service issue).
            throw AWSServiceError.accessDenied(
                "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.")
        }
        var rng = SystemRandomNumberGenerator()
        let keyID = IAMIdentifiers.accessKeyID("ASIA", using: &rng)
        let secret = IAMIdentifiers.secretAccessKey(using: &rng)
        let token = Self.newSessionToken()
        let issued = now()
        let session = IAMSessionCredential(
            accessKeyID: keyID, accountID: caller.accountID, userID: caller.user?.id,
            sealedSecret: try box.seal(secret, boundTo: keyID), tokenHash: SecretBox.tokenHash(token),
            issuedAt: issued, expiresAt: issued + Int64(duration), mfaAuthenticatedAt: nil)
        try await store.createSession(session)
        var xml = XMLWriter()
        xml.open("Credentials")
        xml.element("AccessKeyId", keyID)
        xml.element("SecretAccessKey", secret)
        xml.element("SessionToken", token)
        xml.timestamp("Expiration", session.expiresAt)
        xml.close("Credentials")
        return xml.text
    }

    /// An opaque token: 96 random bytes, base64.
    static func newSessionToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<96).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return "IQoJb3JpZ2luX2Vj" + Data(bytes).base64EncodedString()
    }
}
