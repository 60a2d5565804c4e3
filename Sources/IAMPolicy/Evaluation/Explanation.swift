/// A decision with the reasoning behind it: every statement that was considered and why it
/// did or did not apply. This is what the simulator and `warden policy simulate` print.
public struct Explanation: Sendable {
    public struct StatementTrace: Sendable {
        public enum Result: Sendable, Hashable {
            case applies
            case actionNotMatched
            case resourceNotMatched
            case principalNotMatched
            /// A condition was false: its operator, its key, and whether the key was in the request.
            case conditionFalse(operator: String, key: String, keyPresent: Bool)
        }

        public var reference: StatementReference
        public var effect: Effect
        public var result: Result
    }

    public var decision: Decision
    public var statements: [StatementTrace]

    /// Lines of text: the decision, then each statement with what happened to it.
    public var lines: [String] {
        var out = ["decision: \(decision.outcome.rawValue)"]
        switch decision.outcome {
        case .allow:
            out.append("decided by: " + (decision.decidedBy.map { "\($0) (\($0.policyType.rawValue))" }
                ?? "the root user of the account"))
        case .explicitDeny:
            if let by = decision.decidedBy { out.append("decided by: \(by) (\(by.policyType.rawValue))") }
        case .implicitDeny:
            let reason = switch decision.deniedBy ?? .identity {
            case .identity: "no identity-based policy allows the action"
            case .boundary: "the permissions boundary does not allow the action"
            case .session: "no session policy allows the action"
            }
            out.append("reason: \(reason)")
        }
        for trace in statements {
            out.append("  \(trace.reference) \(trace.effect.rawValue): \(Self.describe(trace.result))")
        }
        return out
    }

    static func describe(_ result: StatementTrace.Result) -> String {
        switch result {
        case .applies: "applies"
        case .actionNotMatched: "action not matched"
        case .resourceNotMatched: "resource not matched"
        case .principalNotMatched: "principal not matched"
        case .conditionFalse(let op, let key, let present):
            "condition \(op) on `\(key)` is false" + (present ? "" : " (key absent)")
        }
    }
}
