import IAMModel
import IAMServices

/// The sign-in steps after the password: the MFA code, and the forced password change.
struct SignInPages: Sendable {
    struct MFAModel: Sendable {
        var layout: ConsoleLayout
        var message: String?
    }

    struct PasswordModel: Sendable {
        var layout: ConsoleLayout
        var rules: [String]
        var message: String?
        var reason: String
    }

    let page: ConsolePage
    let api: WardenAPI

    func mfa() async -> ConsoleResult {
        var layout = ConsoleLayout(title: "Multi-factor authentication")
        layout.csrf = page.session.csrfToken
        guard page.isPost else { return .page("mfa", MFAModel(layout: layout)) }
        do {
            switch try await api.console.verifyMFA(page.session, code: page.request.field("code"), clientIP: page.request.clientIP,
                                                   userAgent: page.request.userAgent) {
            case .failed(let message):
                return .page("mfa", MFAModel(layout: layout, message: message), status: 401)
            case .session(let session, _):
                return .redirect(session.stage == .password ? "/console/change-password" : "/console/home")
            }
        } catch {
            return .page("mfa", MFAModel(layout: layout, message: "Sign-in is unavailable right now. Try again."), status: 500)
        }
    }

    func forcedPasswordChange() async -> ConsoleResult {
        var layout = ConsoleLayout(title: "Change your password")
        layout.csrf = page.session.csrfToken
        let rules = PasswordRules.describe(try? await api.console.passwordPolicy(accountID: page.session.accountID))
        var model = PasswordModel(layout: layout, rules: rules, reason: "Your password must be changed before you continue.")
        guard page.isPost else { return .page("change-password", model) }
        let new = page.request.field("new_password")
        guard new == page.request.field("confirm_password") else {
            model.message = "The new passwords do not match."
            return .page("change-password", model, status: 400)
        }
        do {
            try await page.client.call(.iam, "ChangePassword", [("OldPassword", page.request.field("old_password")),
                                                                 ("NewPassword", new)])
            _ = try await api.console.completePasswordChange(page.session)
            return .redirect("/console/home?notice=" + ConsoleURL.encode("Your password was changed."))
        } catch let failure as ConsoleClient.Failure {
            model.message = failure.message
            return .page("change-password", model, status: 400)
        } catch {
            model.message = "The password could not be changed. Try again."
            return .page("change-password", model, status: 500)
        }
    }
}

/// The account password policy as sentences for password forms.
enum PasswordRules {
    static func describe(_ policy: IAMPasswordPolicy?) -> [String] {
        guard let policy else { return ["Any password of 1 to 128 characters: the account has no password policy."] }
        var rules = ["At least \(policy.minimumLength) characters."]
        if policy.requireUppercase { rules.append("At least one uppercase letter (A-Z).") }
        if policy.requireLowercase { rules.append("At least one lowercase letter (a-z).") }
        if policy.requireNumbers { rules.append("At least one number (0-9).") }
        if policy.requireSymbols { rules.append("At least one symbol: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '") }
        if let reuse = policy.reusePrevention { rules.append("Not one of your last \(reuse) passwords.") }
        if let days = policy.maxAgeDays { rules.append("Expires after \(days) days.") }
        return rules
    }
}
