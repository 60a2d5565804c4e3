import IAMServices

/// Console passwords and access keys. A generated password or a new secret access key is shown
/// once, on the page the POST renders (never put in a URL or redirected to), with a `.csv` download.
extension UserPages {
    struct PasswordResultModel: Sendable {
        var layout: ConsoleLayout
        var heading: String
        var userName: String
        var userHref: String
        var signInPath: String
        var password: String
        var csv: String
        var failures: [String]
        var hasFailures: Bool
    }

    struct AccessKeyModel: Sendable {
        var layout: ConsoleLayout
        var userName: String
        var userHref: String
        var accessKeyID: String
        var secretAccessKey: String
        var csv: String
        var fileName: String
    }

    /// Enable console access (`CreateLoginProfile`) or reset the password (`UpdateLoginProfile`).
    func consolePassword(_ name: String, create: Bool) async -> ConsoleResult {
        let requireReset = page.request.field("require_reset") == "1"
        var password = page.request.field("console_password")
        var generated = false
        if password.isEmpty {
            password = await PasswordGenerator.generate(page.client)
            generated = true
        }
        do {
            try await page.client.call(.iam, create ? "CreateLoginProfile" : "UpdateLoginProfile",
                                       [("UserName", name), ("Password", password),
                                        ("PasswordResetRequired", requireReset ? "true" : "false")])
            if requireReset {
                try await page.client.call(.iam, "AttachUserPolicy", [("UserName", name), ("PolicyArn", IAMPageSupport.changePasswordPolicy)])
            }
        } catch {
            return await detail(name, tab: "security_credentials", message: .failure(error))
        }
        let notice = create ? "Console access enabled." : "Console password reset."
        guard generated else { return page.redirect(IAMPageSupport.userPath(name) + "?tab=security_credentials", notice: notice) }
        return passwordResult(user: name, password: password, created: false, failures: [])
    }

    func passwordResult(user: String, password: String, created: Bool, failures: [String]) -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "Console password for " + user, area: "/console/iam/users")
        layout.notice = created ? "User \(user) created." : "Console password set for \(user)."
        let signIn = "/\(page.caller.accountID)/console"
        let csv = "User name,Password,Console sign-in URL\n" + [user, password, signIn].map(Self.csvField).joined(separator: ",") + "\n"
        return .page("iam-password-result",
                     PasswordResultModel(layout: layout, heading: created ? "User created" : "Console password",
                                         userName: user, userHref: IAMPageSupport.userPath(user) + "?tab=security_credentials",
                                         signInPath: signIn, password: password, csv: csv, failures: failures,
                                         hasFailures: !failures.isEmpty))
    }

    func createAccessKey(_ name: String) async -> ConsoleResult {
        let key: XMLNode
        do {
            key = try await page.client.call(.iam, "CreateAccessKey", [("UserName", name)])
        } catch {
            return await detail(name, tab: "security_credentials", message: .failure(error))
        }
        let id = key.text("AccessKeyId"), secret = key.text("SecretAccessKey")
        var layout = IAMPageSupport.layout(page, "Access key created", area: "/console/iam/users")
        layout.notice = "Access key created. This is the only time that the secret access key can be viewed or downloaded."
        let csv = "Access key ID,Secret access key\n" + Self.csvField(id) + "," + Self.csvField(secret) + "\n"
        return .page("iam-access-key", AccessKeyModel(layout: layout, userName: name,
                                                      userHref: IAMPageSupport.userPath(name) + "?tab=security_credentials",
                                                      accessKeyID: id, secretAccessKey: secret, csv: csv,
                                                      fileName: name + "_accessKeys.csv"))
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
