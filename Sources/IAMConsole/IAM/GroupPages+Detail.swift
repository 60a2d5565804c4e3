/// A group's page: summary, then the users or permissions tab.
extension GroupPages {
    struct DetailModel: Sendable {
        var layout: ConsoleLayout
        var name: String
        var found = false
        var arn = ""
        var groupID = ""
        var path = ""
        var created = ""
        var actionBase: String
        var tabs: [IAMTab]
        var usersTab = false
        var permissionsTab = false
        var members: [Member] = []
        var candidates: [UserPages.Choice] = []
        var hasCandidates = false
        var policies: [UserPages.Attached] = []
        var inlinePolicies: [UserPages.Inline] = []
    }

    struct Member: Sendable {
        var name: String
        var href: String
        var created: String
        var elementID: String
    }

    static let tabNames = [("users", "Users"), ("permissions", "Permissions")]

    func detail(_ name: String, tab requested: String? = nil, message: IAMPageMessage? = nil) async -> ConsoleResult {
        let tabName = requested ?? page.request.param("tab") ?? "users"
        let tab = Self.tabNames.contains { $0.0 == tabName } ? tabName : "users"
        var layout = IAMPageSupport.layout(page, "User group " + name, area: "/console/iam/groups")
        var status = message?.apply(to: &layout) ?? 200
        var model = DetailModel(layout: layout, name: name, actionBase: "/console/iam/groups/" + ConsoleURL.encode(name),
                                tabs: IAMTab.tabs(IAMPageSupport.groupPath(name), Self.tabNames, current: tab))
        do {
            let group = try await page.client.call(.iam, "GetGroup", [("GroupName", name), ("MaxItems", "1")])
            model.arn = group.text("Arn")
            model.found = true
            model.groupID = group.text("GroupId")
            model.path = group.text("Path")
            model.created = IAMPageSupport.date(group.text("CreateDate"))
            if tab == "users" {
                let members = try await page.client.all("GetGroup", [("GroupName", name)], list: "Users")
                model.members = members.map {
                    let user = $0.text("UserName")
                    return Member(name: user, href: IAMPageSupport.userPath(user), created: IAMPageSupport.date($0.text("CreateDate")),
                                  elementID: "remove-user-" + user)
                }
                model.candidates = try await userChoices(checked: [], excluding: Set(model.members.map(\.name)))
                model.hasCandidates = !model.candidates.isEmpty
            } else {
                let attached = try await page.client.all("ListAttachedGroupPolicies", [("GroupName", name)], list: "AttachedPolicies")
                model.policies = attached.map { UserPages.attached($0) }
                let inline = try await page.client.all("ListGroupPolicies", [("GroupName", name)], list: "PolicyNames")
                model.inlinePolicies = inline.map { UserPages.Inline(name: $0.text, elementID: "delete-inline-" + $0.text) }
            }
        } catch {
            if message == nil { status = error.status }
            if layout.denial == nil && layout.error == nil { layout.show(error) }
            if model.arn.isEmpty { model.tabs = [] }
        }
        model.usersTab = tab == "users"
        model.permissionsTab = tab == "permissions"
        model.layout = layout
        return .page("iam-group", model, status: status)
    }
}
