/// The result of evaluating a request, and what decided it.
public struct Decision: Sendable, Hashable, CustomStringConvertible {
    public enum Outcome: String, Sendable, Hashable {
        case allow = "Allow"
        case explicitDeny = "ExplicitDeny"
        case implicitDeny = "ImplicitDeny"
    }

    /// Which check an implicit deny failed.
    public enum DenialReason: String, Sendable, Hashable {
        /// No identity-based policy allows the action.
        case identity
        /// The permissions boundary does not allow it.
        case boundary
        /// No session policy allows it.
        case session
    }

    public var outcome: Outcome
    /// The deciding statement: the matching Deny, or the Allow that granted; `nil` for an implicit
    /// deny and for the root user's default allow.
    public var decidedBy: StatementReference?
    /// For an implicit deny, which check failed.
    public var deniedBy: DenialReason?

    public var isAllowed: Bool { outcome == .allow }

    public static func allow(_ by: StatementReference?) -> Decision { Decision(outcome: .allow, decidedBy: by) }
    public static func explicitDeny(_ by: StatementReference) -> Decision { Decision(outcome: .explicitDeny, decidedBy: by) }
    public static func implicitDeny(_ reason: DenialReason) -> Decision {
        Decision(outcome: .implicitDeny, decidedBy: nil, deniedBy: reason)
    }

    public var description: String {
        switch outcome {
        case .allow: "Allow" + (decidedBy.map { " by \($0)" } ?? " (root user)")
        case .explicitDeny: "ExplicitDeny by \(decidedBy.map(String.init(describing:)) ?? "?")"
        case .implicitDeny: "ImplicitDeny (\(deniedBy?.rawValue ?? "identity"))"
        }
    }

    /// The end of AWS's AccessDenied message for this decision, e.g. `because no identity-based
    /// policy allows the iam:ListUsers action` or `with an explicit deny in an identity-based policy`.
    public func denialPhrase(action: String) -> String? {
        switch outcome {
        case .allow: return nil
        case .explicitDeny:
            return "with an explicit deny in a \(decidedBy?.policyType.rawValue ?? "identity-based policy")"
                .replacingArticle()
        case .implicitDeny:
            let type: StatementReference.PolicyType = switch deniedBy ?? .identity {
            case .identity: .identity
            case .boundary: .boundary
            case .session: .session
            }
            return "because no \(type.rawValue) allows the \(action) action"
        }
    }
}

extension String {
    /// "a identity-based" → "an identity-based".
    fileprivate func replacingArticle() -> String {
        replacing(" a identity", with: " an identity")
    }
}
