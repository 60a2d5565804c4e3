/// `/console/iam/users/...`: the user list, the create form, and each user's page with its
/// permissions, groups and security credentials. Every action is the API call the AWS console makes.
struct UserPages: Sendable {
    struct ListModel: Sendable {
        var layout: ConsoleLayout
        var users: [Row]
        var count: Int
    }

    struct Row: Sendable {
        var name: String
        var href: String
        var path: String
        var groups: String
        var console: String
        var consoleEnabled: Bool
        var mfa: String
        var passwordLastUsed: String
        var created: String
    }

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        switch (page.isPost, path.count) {
        case (false, 0): return await list()
        case (_, 1) where path[0] == "new": return await create()
        case (false, 1): return await detail(path[0])
        case (false, 2) where path[1] == "summary": return await detail(path[0])
        case (false, 2) where path[1] == "attach": return await attachForm(path[0])
        case (true, 2): return await action(path[1], user: path[0])
        default: return notFound()
        }
    }

    func notFound() -> ConsoleResult {
        .page("error", ErrorPage(layout: IAMPageSupport.layout(page, "Not found", area: "/console/iam/users"), heading: "Page not found",
                                 message: "There is no user page at this address."), status: 404)
    }

    /// The users table: name, groups, console access, MFA, password last used, creation time.
    func list() async -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "Users", area: "/console/iam/users")
        let users: [XMLNode]
        do {
            users = try await page.client.all("ListUsers", list: "Users")
        } catch {
            layout.show(error)
            return .page("iam-users", ListModel(layout: layout, users: [], count: 0), status: error.status)
        }
        var rows: [Row] = []
        for user in users {
            let name = user.text("UserName")
            var row = Row(name: name, href: IAMPageSupport.userPath(name), path: user.text("Path"), groups: "-", console: "-",
                          consoleEnabled: false, mfa: "-", passwordLastUsed: IAMPageSupport.date(user.text("PasswordLastUsed")),
                          created: IAMPageSupport.date(user.text("CreateDate")))
            if user.text("PasswordLastUsed").isEmpty { row.passwordLastUsed = "Never" }
            let groups = try? await page.client.all("ListGroupsForUser", [("UserName", name)], list: "Groups")
            if let groups { row.groups = groups.isEmpty ? "None" : groups.map { $0.text("GroupName") }.joined(separator: ", ") }
            do {
                row.consoleEnabled = try await page.client.optional("GetLoginProfile", [("UserName", name)]) != nil
                row.console = row.consoleEnabled ? "Enabled" : "Disabled"
            } catch {
                row.console = error.isDenial ? "Access denied" : "-"
            }
            if let devices = try? await page.client.all("ListMFADevices", [("UserName", name)], list: "MFADevices") {
                row.mfa = devices.isEmpty ? "Not assigned" : devices.count == 1 ? "Virtual" : "\(devices.count) devices"
            }
            rows.append(row)
        }
        return .page("iam-users", ListModel(layout: layout, users: rows, count: rows.count))
    }
}
