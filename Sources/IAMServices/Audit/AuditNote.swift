import IAMPolicy
import Synchronization

/// What the gate found while one request ran, for its audit event: the decision (and the
/// statement that decided) and whether `aws:MultiFactorAuthPresent` was true. `WardenAPI` binds a
/// note to the request's task; the `Authorizer` writes to `AuditNote.current` when one is bound,
/// so handlers stay unaware of auditing and nothing is threaded through their signatures.
final class AuditNote: Sendable {
    @TaskLocal static var current: AuditNote?

    struct Gate: Sendable {
        /// `Allow` or `Deny`.
        var decision: String
        /// The deciding statement (`Decision.explanation`), e.g. "Allowed by the identity-based policy X, statement 1 (Sid Y)".
        var decidedBy: String
    }

    private let state = Mutex<(gate: Gate?, mfaPresent: Bool?)>((nil, nil))

    /// The last decision the gate made for this request (several targets: the last one evaluated,
    /// which is the denying one when any denies).
    var gate: Gate? { state.withLock { $0.gate } }
    /// `aws:MultiFactorAuthPresent` as the gate set it; nil when the gate built no request context.
    var mfaPresent: Bool? { state.withLock { $0.mfaPresent } }

    func decided(_ decision: Decision) {
        let gate = Gate(decision: decision.isAllowed ? "Allow" : "Deny", decidedBy: decision.explanation)
        state.withLock { $0.gate = gate }
    }

    func multiFactorAuthPresent(_ present: Bool) {
        state.withLock { $0.mfaPresent = present }
    }

    /// Records a decision on the current request's note, if any.
    static func decided(_ decision: Decision) {
        current?.decided(decision)
    }
}
