/// `/console/iam/groups/...`: the group list, the create form (name and policies), and each
/// group's page with its members and permissions.
struct GroupPages: Sendable {
    struct ListModel: Sendable {
        var layout: ConsoleLayout
        var groups: [Row]
    }

    struct Row: Sendable {
        var name: String
        var href: String
        var members: String
        var permissions: String
        var created: String
    }

    struct CreateModel: Sendable {
        var layout: ConsoleLayout
        var groupName: String
        var users: [UserPages.Choice]
        var picker: PolicyPicker
    }

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        switch (page.isPost, path.count) {
        case (false, 0): return await list()
        case (_, 1) where path[0] == "new": return await create()
        case (false, 1): return await detail(path[0])
        case (false, 2) where path[1] == "summary": return await detail(path[0])
        case (false, 2) where path[1] == "attach": return await attachForm(path[0])
        case (true, 2): return await action(path[1], group: path[0])
        default:
            return .page("error", ErrorPage(layout: IAMPageSupport.layout(page, "Not found", area: "/console/iam/groups"),
                                            heading: "Page not found", message: "There is no user group page at this address."),
                         status: 404)
        }
    }

    func list() async -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "User groups", area: "/console/iam/groups")
        let groups: [XMLNode]
        do {
            groups = try await page.client.all("ListGroups", list: "Groups")
        } catch {
            layout.show(error)
            return .page("iam-groups", ListModel(layout: layout, groups: []), status: error.status)
        }
        var rows: [Row] = []
        for group in groups {
            let name = group.text("GroupName")
            var row = Row(name: name, href: IAMPageSupport.groupPath(name), members: "-", permissions: "-",
                          created: IAMPageSupport.date(group.text("CreateDate")))
            if let members = try? await page.client.all("GetGroup", [("GroupName", name)], list: "Users") {
                row.members = String(members.count)
            }
            let attached = try? await page.client.all("ListAttachedGroupPolicies", [("GroupName", name)], list: "AttachedPolicies")
            let inline = try? await page.client.all("ListGroupPolicies", [("GroupName", name)], list: "PolicyNames")
            if let attached, let inline { row.permissions = attached.isEmpty && inline.isEmpty ? "Not defined" : "Defined" }
            rows.append(row)
        }
        return .page("iam-groups", ListModel(layout: layout, groups: rows))
    }

    /// GET: the form; POST: `CreateGroup`, then `AttachGroupPolicy` for each chosen policy.
    func create() async -> ConsoleResult {
        let name = page.request.field("group_name").trimmedFormValue
        let arns = page.request.fields("policy"), users = page.request.fields("user")
        guard page.isPost else { return await createForm(name: "", users: [], policies: [], failure: nil) }
        do {
            try await page.client.call(.iam, "CreateGroup", [("GroupName", name)])
        } catch {
            return await createForm(name: name, users: users, policies: arns, failure: error)
        }
        var failures: [String] = []
        for user in users {
            do {
                try await page.client.call(.iam, "AddUserToGroup", [("GroupName", name), ("UserName", user)])
            } catch {
                failures.append("Add user \(user): " + error.line)
            }
        }
        for arn in arns {
            do {
                try await page.client.call(.iam, "AttachGroupPolicy", [("GroupName", name), ("PolicyArn", arn)])
            } catch {
                failures.append("Attach policy \(arn): " + error.line)
            }
        }
        guard failures.isEmpty else {
            return await detail(name, tab: "permissions",
                                message: .error("Group \(name) was created, but some steps failed: " + failures.joined(separator: " · ")))
        }
        return page.redirect(IAMPageSupport.groupPath(name), notice: "User group \(name) created.")
    }

    func createForm(name: String, users: [String], policies: [String], failure: ConsoleClient.Failure?) async -> ConsoleResult {
        var layout = IAMPageSupport.layout(page, "Create user group", area: "/console/iam/groups")
        var status = 200
        if let failure {
            layout.show(failure)
            status = failure.status
        }
        var model = CreateModel(layout: layout, groupName: name, users: [], picker: .empty)
        do {
            model.users = try await userChoices(checked: Set(users), excluding: [])
            model.picker = try await PolicyPicker.load(page.client, checked: Set(policies))
        } catch {
            if failure == nil {
                layout.show(error)
                status = error.status
            }
        }
        model.layout = layout
        return .page("iam-group-new", model, status: status)
    }

    /// Users as checkboxes (`name="user"`, id `user-<UserName>`).
    func userChoices(checked: Set<String>, excluding: Set<String>) async throws(ConsoleClient.Failure) -> [UserPages.Choice] {
        try await page.client.all("ListUsers", list: "Users").compactMap {
            let name = $0.text("UserName")
            guard !excluding.contains(name) else { return nil }
            return UserPages.Choice(name: name, elementID: "user-" + name, checked: checked.contains(name),
                                    detail: IAMPageSupport.date($0.text("CreateDate")))
        }
    }
}
