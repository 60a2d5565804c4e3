import IAMServices

/// `/console/iam`: the IAM dashboard, as in the AWS console: resource counts from
/// `GetAccountSummary`, the account ID and alias, and the account's sign-in URL.
struct IAMDashboardPage: Sendable {
    struct Model: Sendable {
        var layout: ConsoleLayout
        var accountID: String
        var alias: String?
        var signInPath: String
        var counts: [Count]
        var isRoot: Bool
    }

    struct Count: Sendable {
        var id: String
        var label: String
        var value: String
        var href: String?
    }

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        guard path.isEmpty, !page.isPost else {
            return .page("error", ErrorPage(layout: IAMPageSupport.layout(page, "Not found", area: "/console/iam"),
                                            heading: "Page not found", message: "There is no IAM console page at this address."),
                         status: 404)
        }
        var layout = IAMPageSupport.layout(page, "IAM dashboard", area: "/console/iam")
        let accountID = page.caller.accountID
        var model = Model(layout: layout, accountID: accountID, signInPath: "/\(accountID)/console", counts: [],
                          isRoot: page.caller.isRoot)
        var status = 200
        do {
            let summary = try await page.client.call(.iam, "GetAccountSummary")
            var values: [String: String] = [:]
            for entry in summary.list("SummaryMap") { values[entry.text("key")] = entry.text("value") }
            model.counts = [
                Count(id: "count-groups", label: "User groups", value: values["Groups"] ?? "0", href: "/console/iam/groups"),
                Count(id: "count-users", label: "Users", value: values["Users"] ?? "0", href: "/console/iam/users"),
                Count(id: "count-policies", label: "Customer managed policies", value: values["Policies"] ?? "0",
                      href: "/console/iam/policies"),
                Count(id: "count-mfa", label: "MFA devices in use", value: values["MFADevicesInUse"] ?? "0", href: nil),
            ]
        } catch {
            layout.show(error)
            status = error.status
        }
        do {
            let aliases = try await page.client.call(.iam, "ListAccountAliases")
            if let alias = aliases.list("AccountAliases").first?.text, !alias.isEmpty {
                model.alias = alias
                model.signInPath = "/\(ConsoleURL.encode(alias))/console"
            }
        } catch {
            if layout.denial == nil && layout.error == nil {
                layout.show(error)
                status = error.status
            }
        }
        model.layout = layout
        return .page("iam-dashboard", model, status: status)
    }
}
