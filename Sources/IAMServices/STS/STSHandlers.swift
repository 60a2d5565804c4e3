import AWSQuery
import Crypto
import Foundation
import IAMModel
import IAMStorage

/// STS: GetCallerIdentity and GetSessionToken. Neither needs a permission (iam-facts §5).
struct STSHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let mfa: MFAVerifier
    let messages: AuthorizationMessageCodec
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
        case .assumeRole:
            return try await assumeRole(p, caller)
        case .assumeRoot:
            return try await assumeRoot(p, caller)
        case .getDelegatedAccessToken:
            return try await getDelegatedAccessToken(p, caller)
        case .getWebIdentityToken:
            return try await getWebIdentityToken(p, caller)
        case .getFederationToken:
            return try await getFederationToken(p, caller)
        case .getAccessKeyInfo:
            return try await getAccessKeyInfo(p, caller)
        case .decodeAuthorizationMessage:
            let encoded = try p.required("EncodedMessage")
            guard (1...10_240).contains(encoded.count), let decoded = messages.decode(encoded) else {
                throw AWSServiceError("InvalidAuthorizationMessageException", "The encoded authorization message is invalid.",
                                      status: 400)
            }
            var xml = XMLWriter()
            xml.element("DecodedMessage", decoded)
            return xml.text
        default:
            throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    func getSessionToken(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard caller.session == nil else {
            throw AWSServiceError.accessDenied("Cannot call GetSessionToken with session credentials")
        }
        let requested = try p.int("DurationSeconds") ?? (caller.isRoot ? 3_600 : 43_200)
        guard (900...129_600).contains(requested) else {
            throw AWSServiceError.validationError(IAMNames.violation(String(requested), at: "durationSeconds",
                "Member must have value \(requested < 900 ? "greater than or equal to 900" : "less than or equal to 129600")"))
        }
        // Root sessions longer than an hour default to one hour (botocore STS documentation).
        let duration = caller.isRoot ? min(requested, 3_600) : requested
        if let code = p["TokenCode"], !MFAVerifier.isCode(code) {
            throw AWSServiceError.validationError(IAMNames.violation(code, at: "tokenCode",
                "Member must have length equal to 6 and satisfy regular expression pattern: [\\d]*"))
        }
        if let serial = p["SerialNumber"], !(9...256).contains(serial.count) {
            throw AWSServiceError.validationError(IAMNames.violation(serial, at: "serialNumber",
                "Member must have length between 9 and 256"))
        }
        var mfaAuthenticatedAt: Int64?
        if p["SerialNumber"] != nil || p["TokenCode"] != nil {
            guard try await verifyMFA(p, caller) else {
                throw AWSServiceError.accessDenied(
                    "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.")
            }
            mfaAuthenticatedAt = now()
        }
        return try await issue(caller, userID: caller.user?.id, duration: duration, mfaAuthenticatedAt: mfaAuthenticatedAt).xml
    }

    /// AssumeRole's `SerialNumber` and `TokenCode`: both needed, well formed, and a valid code for a
    /// device of the calling user; returns when it was verified.
    func verifyRequestMFA(_ p: QueryParameters, _ caller: Caller) async throws -> Int64 {
        guard let serial = p["SerialNumber"], let code = p["TokenCode"] else {
            throw AWSServiceError.validationError("SerialNumber and TokenCode must be given together.")
        }
        guard MFAVerifier.isCode(code) else {
            throw AWSServiceError.validationError(IAMNames.violation(code, at: "tokenCode",
                "Member must have length equal to 6 and satisfy regular expression pattern: [\\d]*"))
        }
        guard (9...256).contains(serial.count), try await verifyMFA(p, caller) else {
            throw AWSServiceError.accessDenied(
                "MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        }
        return now()
    }

    /// SerialNumber must name an MFA device assigned to the calling user, TokenCode its current code.
    func verifyMFA(_ p: QueryParameters, _ caller: Caller) async throws -> Bool {
        guard let user = caller.user, let serial = p["SerialNumber"], let code = p["TokenCode"],
              let device = try await store.mfaDevice(serialNumber: serial), device.userID == user.id else {
            mfa.metrics.recordMFAFailure(.unknownDevice, source: .api)
            return false
        }
        return try await mfa.verify(device, code: code, userID: user.id, now: now(), source: .api)
    }

    /// An opaque token: 96 random bytes, base64.
    static func newSessionToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<96).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return "IQoJb3JpZ2luX2Vj" + Data(bytes).base64EncodedString()
    }
}
