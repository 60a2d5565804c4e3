/// The POST actions of a user's page (`/console/iam/users/<name>/<action>`) and the
/// "Add permissions" page. Each runs the API calls and redirects back to the tab with a notice,
/// or renders the page with the failure.
extension UserPages {
    func action(_ action: String, user name: String) async -> ConsoleResult {
        let form = page.request
        switch action {
        case "attach": return await attach(name)
        case "detach-policy":
            return await run(name, tab: "permissions", notice: "Policy removed.") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "DetachUserPolicy", [("UserName", name), ("PolicyArn", form.field("arn"))])
            }
        case "delete-inline-policy":
            return await run(name, tab: "permissions", notice: "Inline policy deleted.") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "DeleteUserPolicy", [("UserName", name), ("PolicyName", form.field("policy_name"))])
            }
        case "add-to-group":
            let group = form.field("group")
            return await run(name, tab: "groups", notice: "User added to group \(group).") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "AddUserToGroup", [("GroupName", group), ("UserName", name)])
            }
        case "remove-from-group":
            let group = form.field("group")
            return await run(name, tab: "groups", notice: "User removed from group \(group).") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "RemoveUserFromGroup", [("GroupName", group), ("UserName", name)])
            }
        case "update-access-key":
            let status = form.field("status")
            return await run(name, tab: "security_credentials", notice: "Access key is now \(status == "Active" ? "active" : "inactive").") {
                client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "UpdateAccessKey", [("UserName", name), ("AccessKeyId", form.field("key_id")),
                                                                ("Status", status)])
            }
        case "delete-access-key":
            return await run(name, tab: "security_credentials", notice: "Access key deleted.") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "DeleteAccessKey", [("UserName", name), ("AccessKeyId", form.field("key_id"))])
            }
        case "remove-mfa":
            return await run(name, tab: "security_credentials", notice: "MFA device removed.") { client throws(ConsoleClient.Failure) in
                try await Self.removeMFA(client, user: name, serial: form.field("serial"))
            }
        case "disable-console":
            return await run(name, tab: "security_credentials", notice: "Console access disabled.") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "DeleteLoginProfile", [("UserName", name)])
            }
        case "enable-console", "reset-password": return await consolePassword(name, create: action == "enable-console")
        case "create-access-key": return await createAccessKey(name)
        case "delete": return await delete(name)
        default: return notFound()
        }
    }

    /// Runs `body`; on success redirects to `tab` with `notice`, else renders the tab with the failure.
    func run(_ name: String, tab: String, notice: String,
             _ body: (ConsoleClient) async throws(ConsoleClient.Failure) -> Void) async -> ConsoleResult {
        do {
            try await body(page.client)
        } catch {
            return await detail(name, tab: tab, message: .failure(error))
        }
        return page.redirect(IAMPageSupport.userPath(name) + "?tab=" + tab, notice: notice)
    }

    /// A virtual device is deactivated, then deleted, as the console's "Remove" does.
    static func removeMFA(_ client: ConsoleClient, user: String, serial: String) async throws(ConsoleClient.Failure) {
        try await client.call(.iam, "DeactivateMFADevice", [("UserName", user), ("SerialNumber", serial)])
        if serial.hasPrefix("arn:") {
            try await client.call(.iam, "DeleteVirtualMFADevice", [("SerialNumber", serial)])
        }
    }

    /// GET: the policy table; POST: `AttachUserPolicy` for each chosen policy.
    func attachForm(_ name: String, failure: IAMPageMessage? = nil, status: Int? = nil) async -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "Add permissions to " + name, area: "/console/iam/users")
        var code = failure?.apply(to: &layout) ?? 200
        if let status { code = status }
        var model = IAMAttachModel(layout: layout, kind: "user", kindPlural: "Users", listHref: "/console/iam/users", name: name,
                                   backHref: IAMPageSupport.userPath(name) + "?tab=permissions",
                                   action: "/console/iam/users/" + ConsoleURL.encode(name) + "/attach", picker: .empty)
        do {
            let attached = try await page.client.all("ListAttachedUserPolicies", [("UserName", name)], list: "AttachedPolicies")
            model.picker = try await PolicyPicker.load(page.client, excluding: Set(attached.map { $0.text("PolicyArn") }),
                                                       checked: Set(page.request.fields("policy")))
        } catch {
            if failure == nil {
                layout.show(error)
                code = error.status
            }
        }
        model.layout = layout
        return .page("iam-attach", model, status: code)
    }

    func attach(_ name: String) async -> ConsoleResult {
        let arns = page.request.fields("policy")
        guard !arns.isEmpty else { return await attachForm(name, failure: .error("Select at least one policy."), status: 400) }
        var failures: [String] = []
        var attached = 0
        for arn in arns {
            do {
                try await page.client.call(.iam, "AttachUserPolicy", [("UserName", name), ("PolicyArn", arn)])
                attached += 1
            } catch {
                if arns.count == 1 { return await attachForm(name, failure: .failure(error)) }
                failures.append(arn + ": " + error.line)
            }
        }
        guard failures.isEmpty else {
            return await detail(name, tab: "permissions",
                                message: .error("\(attached) policies attached; these failed: " + failures.joined(separator: " · ")))
        }
        return page.redirect(IAMPageSupport.userPath(name) + "?tab=permissions",
                             notice: attached == 1 ? "1 policy attached." : "\(attached) policies attached.")
    }
}
