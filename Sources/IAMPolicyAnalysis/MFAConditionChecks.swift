import IAMPolicy

/// How MFA conditions are written. `mfaAllowIfExists` (WARNING): an Allow conditioned on
/// `BoolIfExists aws:MultiFactorAuthPresent true` also applies when the key is absent, which it is
/// for every request signed with long-term access keys (iam-facts §3) — the visual editor's
/// "MFA required" option writes exactly this. (Its mirror, a Deny with `Bool` instead of
/// `BoolIfExists`, is the grammar check's `mfaBoolWithoutIfexists`, raised to SECURITY_WARNING by
/// `PolicyLinter`.)
enum MFAConditionChecks {
    static let presentKey = "aws:multifactorauthpresent"

    static func check(_ statement: Statement, _ out: inout [PolicyDiagnostic]) {
        guard statement.effect == .allow else { return }
        for condition in statement.conditions where isMFAPresent(condition, ifExists: true, value: "true") {
            out.append(.finding(.warning, "mfaAllowIfExists",
                                "long-term access keys carry no `\(condition.key.value)`, so `BoolIfExists` lets them through this Allow without MFA; use `Bool` to require MFA for every request",
                                at: condition.key.location, pointer: condition.key.pointer))
        }
    }

    /// A `Bool`/`BoolIfExists` test (no set qualifier) of `aws:MultiFactorAuthPresent` whose only
    /// value is `value`; `ifExists` nil accepts both forms.
    static func isMFAPresent(_ condition: Condition, ifExists: Bool?, value: String) -> Bool {
        let op = condition.conditionOperator
        return op.base == .bool && op.qualifier == nil && (ifExists.map { $0 == op.ifExists } ?? true)
            && condition.key.value.lowercased() == presentKey
            && condition.values.allSatisfy { $0.value.text.lowercased() == value }
    }

    /// The deny-unless-MFA pattern of AWS's Force_MFA example: a Deny with `NotAction` and a
    /// `BoolIfExists` (or `Bool`) `aws:MultiFactorAuthPresent` `false` condition.
    static func isDenyUnlessMFA(_ statement: Statement) -> Bool {
        statement.effect == .deny && statement.actionIsNegated
            && statement.conditions.contains { isMFAPresent($0, ifExists: nil, value: "false") }
    }
}
