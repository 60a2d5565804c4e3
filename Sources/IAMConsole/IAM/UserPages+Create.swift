/// `/console/iam/users/new`: the create-user form (name, console access, groups, policies) and
/// its POST: `CreateUser`, `CreateLoginProfile`, `AddUserToGroup` and `AttachUserPolicy` calls.
extension UserPages {
    struct CreateModel: Sendable {
        var layout: ConsoleLayout
        var userName: String
        var consoleAccess: Bool
        var requireReset: Bool
        var groups: [Choice]
        var picker: PolicyPicker
    }

    /// A checkbox of a group or user list.
    struct Choice: Sendable {
        var name: String
        var elementID: String
        var checked: Bool
        var detail: String
    }

    func create() async -> ConsoleResult {
        let request = page.request
        let userName = request.field("user_name").trimmedFormValue
        let consoleAccess = request.field("console_access") == "1"
        let requireReset = request.field("require_reset") == "1"
        let groups = request.fields("group"), policies = request.fields("policy")
        guard page.isPost else { return await createForm(userName: "", console: false, reset: true, groups: [], policies: []) }
        do {
            try await page.client.call(.iam, "CreateUser", [("UserName", userName)])
        } catch {
            return await createForm(userName: userName, console: consoleAccess, reset: requireReset, groups: groups,
                                    policies: policies, failure: error)
        }
        var failures: [String] = []
        var generated: String?
        if consoleAccess {
            var password = request.field("console_password")
            if password.isEmpty {
                password = await PasswordGenerator.generate(page.client)
                generated = password
            }
            do {
                try await page.client.call(.iam, "CreateLoginProfile", [("UserName", userName), ("Password", password),
                                                                        ("PasswordResetRequired", requireReset ? "true" : "false")])
            } catch {
                failures.append("Console password: " + error.line)
                generated = nil
            }
        }
        for group in groups {
            do {
                try await page.client.call(.iam, "AddUserToGroup", [("GroupName", group), ("UserName", userName)])
            } catch {
                failures.append("Add to group \(group): " + error.line)
            }
        }
        var arns = policies
        if consoleAccess && requireReset && !arns.contains(IAMPageSupport.changePasswordPolicy) { arns.append(IAMPageSupport.changePasswordPolicy) }
        for arn in arns {
            do {
                try await page.client.call(.iam, "AttachUserPolicy", [("UserName", userName), ("PolicyArn", arn)])
            } catch {
                failures.append("Attach policy \(arn): " + error.line)
            }
        }
        if let generated {
            return passwordResult(user: userName, password: generated, created: true, failures: failures)
        }
        guard failures.isEmpty else {
            return await detail(userName, tab: "permissions",
                                message: .error("User \(userName) was created, but some steps failed: " + failures.joined(separator: " · ")),
                                status: 200)
        }
        return page.redirect(IAMPageSupport.userPath(userName), notice: "User \(userName) created.")
    }

    func createForm(userName: String, console: Bool, reset: Bool, groups: [String], policies: [String],
                    failure: ConsoleClient.Failure? = nil) async -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "Create user", area: "/console/iam/users")
        var status = failure?.status ?? 200
        if let failure { layout.show(failure) }
        var model = CreateModel(layout: layout, userName: userName, consoleAccess: console, requireReset: reset, groups: [],
                                picker: .empty)
        let chosenGroups = Set(groups)
        do {
            model.groups = try await page.client.all("ListGroups", list: "Groups").map {
                let name = $0.text("GroupName")
                return Choice(name: name, elementID: "group-" + name, checked: chosenGroups.contains(name),
                              detail: IAMPageSupport.date($0.text("CreateDate")))
            }
            model.picker = try await PolicyPicker.load(page.client, checked: Set(policies))
        } catch {
            if failure == nil {
                layout.show(error)
                status = error.status
            }
        }
        model.layout = layout
        return .page("iam-user-new", model, status: status)
    }
}

extension String {
    /// Without leading and trailing spaces (names typed into forms).
    var trimmedFormValue: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
