import IAMServices

/// `/console/iam/account-settings`: the account password policy (`UpdateAccountPasswordPolicy`,
/// reset with `DeleteAccountPasswordPolicy`) and the account alias (`CreateAccountAlias`,
/// `DeleteAccountAlias`).
struct AccountSettingsPages: Sendable {
    struct Model: Sendable {
        var layout: ConsoleLayout
        var hasPolicy = false
        var minLength = "8"
        var requireUppercase = false
        var requireLowercase = false
        var requireNumbers = false
        var requireSymbols = false
        var allowChange = false
        var expire = false
        var maxAge = "90"
        var hardExpiry = false
        var preventReuse = false
        var reuseCount = "5"
        var rules: [String] = []
        var alias: String?
        var aliasInput = ""
        var signInPath = ""
    }

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        switch (page.isPost, path) {
        case (false, []): return await show()
        case (true, ["password-policy"]): return await savePolicy()
        case (true, ["password-policy", "delete"]):
            do {
                try await page.client.call(.iam, "DeleteAccountPasswordPolicy")
            } catch {
                return await show(message: .failure(error))
            }
            return page.redirect("/console/iam/account-settings", notice: "The account now uses the default password policy.")
        case (true, ["alias"]): return await saveAlias()
        case (true, ["alias", "delete"]):
            do {
                try await page.client.call(.iam, "DeleteAccountAlias", [("AccountAlias", page.request.field("alias"))])
            } catch {
                return await show(message: .failure(error))
            }
            return page.redirect("/console/iam/account-settings", notice: "Account alias deleted.")
        default:
            return .page("error", ErrorPage(layout: IAMPageSupport.layout(page, "Not found", area: "/console/iam/account-settings"),
                                            heading: "Page not found", message: "There is no account settings page at this address."),
                         status: 404)
        }
    }

    /// The page; `submitted` and `submittedAlias` keep the values of a refused form.
    func show(message: IAMPageMessage? = nil, submitted: Model? = nil, submittedAlias: String? = nil) async -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "Account settings", area: "/console/iam/account-settings")
        var status = message?.apply(to: &layout) ?? 200
        var model = Model(layout: layout)
        model.signInPath = "/\(page.caller.accountID)/console"
        do {
            if let policy = try await page.client.optional("GetAccountPasswordPolicy", []) {
                model.hasPolicy = true
                model.minLength = policy.text("MinimumPasswordLength")
                model.requireUppercase = policy.text("RequireUppercaseCharacters") == "true"
                model.requireLowercase = policy.text("RequireLowercaseCharacters") == "true"
                model.requireNumbers = policy.text("RequireNumbers") == "true"
                model.requireSymbols = policy.text("RequireSymbols") == "true"
                model.allowChange = policy.text("AllowUsersToChangePassword") == "true"
                model.hardExpiry = policy.text("HardExpiry") == "true"
                if !policy.text("MaxPasswordAge").isEmpty {
                    model.expire = true
                    model.maxAge = policy.text("MaxPasswordAge")
                }
                if !policy.text("PasswordReusePrevention").isEmpty {
                    model.preventReuse = true
                    model.reuseCount = policy.text("PasswordReusePrevention")
                }
            }
            model.rules = Self.rules(model)
            let aliases = try await page.client.call(.iam, "ListAccountAliases")
            if let alias = aliases.list("AccountAliases").first?.text, !alias.isEmpty {
                model.alias = alias
                model.aliasInput = alias
                model.signInPath = "/\(ConsoleURL.encode(alias))/console"
            }
        } catch {
            if message == nil { status = error.status }
            if layout.denial == nil && layout.error == nil { layout.show(error) }
        }
        if let submitted {
            let keep = model
            model = submitted
            (model.hasPolicy, model.rules, model.alias, model.aliasInput, model.signInPath) =
                (keep.hasPolicy, keep.rules, keep.alias, keep.aliasInput, keep.signInPath)
        }
        if let submittedAlias { model.aliasInput = submittedAlias }
        model.layout = layout
        return .page("iam-account-settings", model, status: status)
    }

    func savePolicy() async -> ConsoleResult {
        let form = page.request
        var submitted = Model(layout: ConsoleLayout(title: ""))
        submitted.minLength = form.field("min_length").trimmedFormValue
        submitted.requireUppercase = form.field("require_uppercase") == "1"
        submitted.requireLowercase = form.field("require_lowercase") == "1"
        submitted.requireNumbers = form.field("require_numbers") == "1"
        submitted.requireSymbols = form.field("require_symbols") == "1"
        submitted.allowChange = form.field("allow_change") == "1"
        submitted.expire = form.field("expire_passwords") == "1"
        submitted.maxAge = form.field("max_age").trimmedFormValue
        submitted.hardExpiry = form.field("hard_expiry") == "1"
        submitted.preventReuse = form.field("prevent_reuse") == "1"
        submitted.reuseCount = form.field("reuse_count").trimmedFormValue
        var parameters = [("MinimumPasswordLength", submitted.minLength)]
        for (name, on) in [("RequireUppercaseCharacters", submitted.requireUppercase), ("RequireLowercaseCharacters", submitted.requireLowercase),
                           ("RequireNumbers", submitted.requireNumbers), ("RequireSymbols", submitted.requireSymbols),
                           ("AllowUsersToChangePassword", submitted.allowChange), ("HardExpiry", submitted.hardExpiry)] {
            parameters.append((name, on ? "true" : "false"))
        }
        if submitted.expire { parameters.append(("MaxPasswordAge", submitted.maxAge)) }
        if submitted.preventReuse { parameters.append(("PasswordReusePrevention", submitted.reuseCount)) }
        do {
            try await page.client.call(.iam, "UpdateAccountPasswordPolicy", parameters)
        } catch {
            return await show(message: .failure(error), submitted: submitted)
        }
        return page.redirect("/console/iam/account-settings", notice: "Password policy updated.")
    }

    /// Creates the alias; an account has at most one, so a different existing alias is deleted
    /// first (and restored if the new one is refused), as the console's "Edit" does.
    func saveAlias() async -> ConsoleResult {
        let alias = page.request.field("alias").trimmedFormValue
        var current: String?
        do {
            current = try await page.client.call(.iam, "ListAccountAliases").list("AccountAliases").first?.text
            if current == alias { return page.redirect("/console/iam/account-settings", notice: "The account alias is \(alias).") }
            if let current { try await page.client.call(.iam, "DeleteAccountAlias", [("AccountAlias", current)]) }
            try await page.client.call(.iam, "CreateAccountAlias", [("AccountAlias", alias)])
        } catch {
            if let current { _ = try? await page.client.call(.iam, "CreateAccountAlias", [("AccountAlias", current)]) }
            return await show(message: .failure(error), submittedAlias: alias)
        }
        return page.redirect("/console/iam/account-settings", notice: "Account alias set to \(alias).")
    }

    static func rules(_ model: Model) -> [String] {
        guard model.hasPolicy else {
            return ["This account uses the IAM default password policy: any password of 1 to 128 characters."]
        }
        var rules = ["Minimum password length is \(model.minLength) characters."]
        if model.requireUppercase { rules.append("Require at least one uppercase letter from the Latin alphabet (A-Z).") }
        if model.requireLowercase { rules.append("Require at least one lowercase letter from the Latin alphabet (a-z).") }
        if model.requireNumbers { rules.append("Require at least one number.") }
        if model.requireSymbols { rules.append("Require at least one nonalphanumeric character (! @ # $ % ^ & * ( ) _ + - = [ ] { } | ').") }
        if model.expire { rules.append("Passwords expire in \(model.maxAge) days.") }
        if model.hardExpiry { rules.append("Password expiration requires administrator reset.") }
        rules.append(model.allowChange ? "Allow users to change their own password." : "Users cannot change their own password.")
        if model.preventReuse { rules.append("Remember last \(model.reuseCount) passwords and prevent reuse.") }
        return rules
    }
}
