/// The POST actions of a group's page (`/console/iam/groups/<name>/<action>`) and its
/// "Add permissions" page.
extension GroupPages {
    func action(_ action: String, group name: String) async -> ConsoleResult {
        let form = page.request
        switch action {
        case "attach": return await attach(name)
        case "add-users": return await addUsers(name)
        case "remove-user":
            let user = form.field("user")
            return await run(name, tab: "users", notice: "User \(user) removed from the group.") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "RemoveUserFromGroup", [("GroupName", name), ("UserName", user)])
            }
        case "detach-policy":
            return await run(name, tab: "permissions", notice: "Policy removed.") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "DetachGroupPolicy", [("GroupName", name), ("PolicyArn", form.field("arn"))])
            }
        case "delete-inline-policy":
            return await run(name, tab: "permissions", notice: "Inline policy deleted.") { client throws(ConsoleClient.Failure) in
                try await client.call(.iam, "DeleteGroupPolicy", [("GroupName", name), ("PolicyName", form.field("policy_name"))])
            }
        case "delete":
            do {
                try await Self.deleteGroup(page.client, name)
            } catch {
                return await detail(name, message: .failure(error))
            }
            return page.redirect("/console/iam/groups", notice: "User group \(name) deleted.")
        default:
            return .page("error", ErrorPage(layout: IAMPageSupport.layout(page, "Not found", area: "/console/iam/groups"),
                                            heading: "Page not found", message: "There is no user group page at this address."),
                         status: 404)
        }
    }

    func run(_ name: String, tab: String, notice: String,
             _ body: (ConsoleClient) async throws(ConsoleClient.Failure) -> Void) async -> ConsoleResult {
        do {
            try await body(page.client)
        } catch {
            return await detail(name, tab: tab, message: .failure(error))
        }
        return page.redirect(IAMPageSupport.groupPath(name) + "?tab=" + tab, notice: notice)
    }

    func addUsers(_ name: String) async -> ConsoleResult {
        let users = page.request.fields("user")
        guard !users.isEmpty else { return await detail(name, tab: "users", message: .error("Select at least one user.")) }
        for (index, user) in users.enumerated() {
            do {
                try await page.client.call(.iam, "AddUserToGroup", [("GroupName", name), ("UserName", user)])
            } catch {
                let done = "\(index) of \(users.count) users were added; adding \(user) failed."
                return await detail(name, tab: "users", message: index == 0 ? .failure(error) : .partial(done, error))
            }
        }
        return page.redirect(IAMPageSupport.groupPath(name) + "?tab=users",
                             notice: users.count == 1 ? "1 user added to the group." : "\(users.count) users added to the group.")
    }

    func attachForm(_ name: String, message: IAMPageMessage? = nil, status: Int? = nil) async -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "Add permissions to " + name, area: "/console/iam/groups")
        var code = message?.apply(to: &layout) ?? 200
        if let status { code = status }
        var model = IAMAttachModel(layout: layout, kind: "group", kindPlural: "User groups", listHref: "/console/iam/groups",
                                   name: name, backHref: IAMPageSupport.groupPath(name) + "?tab=permissions",
                                   action: "/console/iam/groups/" + ConsoleURL.encode(name) + "/attach", picker: .empty)
        do {
            let attached = try await page.client.all("ListAttachedGroupPolicies", [("GroupName", name)], list: "AttachedPolicies")
            model.picker = try await PolicyPicker.load(page.client, excluding: Set(attached.map { $0.text("PolicyArn") }),
                                                       checked: Set(page.request.fields("policy")))
        } catch {
            if message == nil {
                layout.show(error)
                code = error.status
            }
        }
        model.layout = layout
        return .page("iam-attach", model, status: code)
    }

    func attach(_ name: String) async -> ConsoleResult {
        let arns = page.request.fields("policy")
        guard !arns.isEmpty else { return await attachForm(name, message: .error("Select at least one policy."), status: 400) }
        var failures: [String] = []
        for arn in arns {
            do {
                try await page.client.call(.iam, "AttachGroupPolicy", [("GroupName", name), ("PolicyArn", arn)])
            } catch {
                if arns.count == 1 { return await attachForm(name, message: .failure(error)) }
                failures.append(arn + ": " + error.line)
            }
        }
        guard failures.isEmpty else {
            return await detail(name, tab: "permissions", message: .error("Some policies were not attached: " + failures.joined(separator: " · ")))
        }
        return page.redirect(IAMPageSupport.groupPath(name) + "?tab=permissions",
                             notice: arns.count == 1 ? "1 policy attached." : "\(arns.count) policies attached.")
    }

    /// As the console does: detach policies, remove members, delete inline policies, then `DeleteGroup`.
    static func deleteGroup(_ client: ConsoleClient, _ name: String) async throws(ConsoleClient.Failure) {
        let group = [("GroupName", name)]
        try await client.call(.iam, "GetGroup", group + [("MaxItems", "1")])
        for policy in try await client.all("ListAttachedGroupPolicies", group, list: "AttachedPolicies") {
            try await client.call(.iam, "DetachGroupPolicy", group + [("PolicyArn", policy.text("PolicyArn"))])
        }
        for user in try await client.all("GetGroup", group, list: "Users") {
            try await client.call(.iam, "RemoveUserFromGroup", group + [("UserName", user.text("UserName"))])
        }
        for policy in try await client.all("ListGroupPolicies", group, list: "PolicyNames") {
            try await client.call(.iam, "DeleteGroupPolicy", group + [("PolicyName", policy.text)])
        }
        try await client.call(.iam, "DeleteGroup", group)
    }
}
