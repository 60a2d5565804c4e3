import IAMPolicy

/// What a deny-unless-MFA policy (AWS's Force_MFA pattern) leaves a user without MFA able to do,
/// found by evaluating the policy for an IAM user signed in without MFA (iam-facts §0 caveats):
///
/// - `mfaDeviceLockout` (WARNING): the user cannot delete their own virtual MFA device. A
///   cancelled assignment leaves an unassigned device with the user's name; re-creating it then
///   fails with EntityAlreadyExists, and only an administrator can delete it.
/// - `mfaPasswordChange` (SUGGESTION): the policy lets the user change their password only with
///   MFA, so an expired (or first sign-in) password cannot be changed without it. Force_MFA does
///   this on purpose; AWS's page tells how to allow it and recommends against doing so.
enum MFARecoveryChecks {
    private static let account = "123456789012"
    private static let user = "MFAUser"

    static func check(_ context: LintContext, _ out: inout [PolicyDiagnostic]) {
        guard context.type == .identity || context.type == .boundary || context.type == .session,
              let deny = context.document.statements.first(where: MFAConditionChecks.isDenyUnlessMFA) else { return }
        let policy = PolicySet(identity: [CompiledPolicy(name: "policy", document: context.document)])
        let here = (deny.location, deny.pointer)

        let device = "arn:aws:iam::\(account):mfa/\(user)"
        let delete = decide("iam:DeleteVirtualMFADevice", on: device, mfa: false, policy)
        if !delete.isAllowed {
            let why = delete.outcome == .explicitDeny
                ? "without MFA it is denied by \(name(delete, context))"
                : "no statement allows it on the user's own device"
            out.append(.finding(.warning, "mfaDeviceLockout",
                                "users without MFA can be locked out of MFA setup: this policy does not let them delete their own virtual MFA device (`iam:DeleteVirtualMFADevice`: \(why)), so after a cancelled assignment the unassigned device blocks creating a new one (EntityAlreadyExists) until an administrator deletes it; to allow recovery, exempt `iam:DeleteVirtualMFADevice` in `NotAction` and allow it on `arn:aws:iam::*:mfa/${aws:username}`",
                                at: here.0, pointer: here.1))
        }

        let userARN = "arn:aws:iam::\(account):user/\(user)"
        let withoutMFA = decide("iam:ChangePassword", on: userARN, mfa: false, policy)
        let withMFA = decide("iam:ChangePassword", on: userARN, mfa: true, policy)
        if withMFA.isAllowed && !withoutMFA.isAllowed {
            out.append(.finding(.suggestion, "mfaPasswordChange",
                                "users without MFA cannot change their own password, not even an expired one at sign-in (`iam:ChangePassword` is denied without MFA by \(name(withoutMFA, context))); AWS's Force_MFA example does this on purpose; to allow it, add `iam:ChangePassword` and `iam:GetAccountPasswordPolicy` to `NotAction`, which AWS recommends against",
                                at: here.0, pointer: here.1))
        }
    }

    /// The decision for the user's own request, signed in with or without MFA.
    private static func decide(_ action: String, on resource: String, mfa: Bool, _ policy: PolicySet) -> Decision {
        let principal = Principal.user(user, account: account)
        var context = RequestContext()
        context.set("aws:username", .string(user))
        context.set("aws:PrincipalArn", .string(principal.arn))
        context.set("aws:PrincipalAccount", .string(account))
        context.set("aws:PrincipalType", .string("User"))
        context.set("aws:MultiFactorAuthPresent", .bool(mfa))
        if mfa { context.set("aws:MultiFactorAuthAge", .number(60)) }
        let request = AuthorizationRequest(principal: principal, action: action, resource: resource, context: context)
        return PolicyEvaluator.evaluate(request, policy)
    }

    private static func name(_ decision: Decision, _ context: LintContext) -> String {
        guard let index = decision.decidedBy?.statementIndex, context.document.statements.indices.contains(index) else {
            return "a Deny statement"
        }
        return LintContext.label(context.document.statements[index])
    }
}
