import IAMPolicy

extension Decision {
    /// One line naming what decided, for the console's denial box and logs: the policy, its type,
    /// and the statement (Sid and 1-based position), or which check found no Allow.
    var explanation: String {
        func statement(_ by: StatementReference) -> String {
            let position = "statement \(by.statementIndex + 1)"
            return "\(by.policyType.rawValue) \(by.policyName), \(position)" + (by.sid.map { " (Sid \($0))" } ?? "")
        }
        switch outcome {
        case .allow:
            return decidedBy.map { "Allowed by the " + statement($0) } ?? "Allowed: the root user"
        case .explicitDeny:
            return decidedBy.map { "Explicitly denied by the " + statement($0) } ?? "Explicitly denied"
        case .implicitDeny:
            let type: StatementReference.PolicyType = switch deniedBy ?? .identity {
            case .identity: .identity
            case .boundary: .boundary
            case .session: .session
            }
            return "Implicitly denied: no statement in any \(type.rawValue) allows the action"
        }
    }
}
