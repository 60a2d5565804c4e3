import Foundation
import IAMPolicy

/// EC2's "Encoded authorization failure message": the denied request and the decision, as JSON,
/// sealed under the master key so only Warden can read it (`sts:DecodeAuthorizationMessage`).
struct AuthorizationMessageCodec: Sendable {
    let box: SecretBox
    static let binding = "warden-authorization-message"

    func encode(caller: Caller, action: String, resource: String, decision: Decision, context: RequestContext) -> String {
        var conditions: [[String: Any]] = []
        for (key, values) in context.sortedEntries {
            conditions.append(["key": key, "values": ["items": values.map { ["value": $0.text] }]])
        }
        var matched: [[String: Any]] = []
        if let by = decision.decidedBy {
            matched.append(["statementId": by.sid ?? String(by.statementIndex), "policy": by.policyName,
                            "policyType": by.policyType.rawValue, "effect": decision.outcome == .allow ? "ALLOW" : "DENY"])
        }
        let message: [String: Any] = [
            "allowed": decision.isAllowed,
            "explicitDeny": decision.outcome == .explicitDeny,
            "matchedStatements": ["items": matched],
            "failures": ["items": [] as [Any]],
            "context": [
                "principal": ["id": caller.userID, "arn": caller.arn],
                "action": action,
                "resource": resource,
                "conditions": ["items": conditions],
            ] as [String: Any],
        ]
        guard let json = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]),
              let sealed = try? box.seal(String(decoding: json, as: UTF8.self), boundTo: Self.binding) else { return "" }
        return Data(sealed).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The JSON text, or nil when the message was not made by this server (or was altered).
    func decode(_ encoded: String) -> String? {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return try? box.open([UInt8](data), boundTo: Self.binding)
    }
}
