/// A user's page: summary, then the permissions, groups or security credentials tab.
extension UserPages {
    struct DetailModel: Sendable {
        var layout: ConsoleLayout
        var name: String
        var found = false
        var arn = ""
        var userID = ""
        var path = ""
        var created = ""
        var passwordLastUsed = "Never"
        var consoleEnabled = false
        var resetRequired = false
        var consoleKnown = true
        var actionBase: String
        var tabs: [IAMTab]
        var permissionsTab = false
        var groupsTab = false
        var credentialsTab = false
        var policies: [Attached] = []
        var inlinePolicies: [Inline] = []
        var groups: [Membership] = []
        var groupOptions: [Option] = []
        var hasGroupOptions = false
        var keys: [AccessKey] = []
        var canCreateKey = true
        var mfaDevices: [MFADevice] = []
    }

    struct Attached: Sendable {
        var name: String
        var arn: String
        var href: String
        var type: String
        var elementID: String
    }

    struct Inline: Sendable {
        var name: String
        var elementID: String
    }

    struct Membership: Sendable {
        var name: String
        var href: String
        var elementID: String
    }

    struct AccessKey: Sendable {
        var id: String
        var active: Bool
        var status: String
        var created: String
        var lastUsed: String
        var lastService: String
        var lastRegion: String
    }

    struct MFADevice: Sendable {
        var serial: String
        var enabled: String
        var elementID: String
    }

    static let tabNames = [("permissions", "Permissions"), ("groups", "Groups"), ("security_credentials", "Security credentials")]

    func detail(_ name: String, tab requested: String? = nil, message: IAMPageMessage? = nil, status preset: Int? = nil) async
        -> ConsoleResult {
        let tabName = requested ?? page.request.param("tab") ?? "permissions"
        let tab = Self.tabNames.contains { $0.0 == tabName } ? tabName : "permissions"
        var layout = IAMPageSupport.layout(page, "User " + name, area: "/console/iam/users")
        var status = message?.apply(to: &layout) ?? 200
        if let preset { status = preset }
        let base = "/console/iam/users/" + ConsoleURL.encode(name)
        var model = DetailModel(layout: layout, name: name, actionBase: base,
                                tabs: IAMTab.tabs(IAMPageSupport.userPath(name), Self.tabNames, current: tab))
        var failure: ConsoleClient.Failure?
        do {
            let user = try await page.client.call(.iam, "GetUser", [("UserName", name)])
            model.arn = user.text("Arn")
            model.found = true
            model.userID = user.text("UserId")
            model.path = user.text("Path")
            model.created = IAMPageSupport.date(user.text("CreateDate"))
            if !user.text("PasswordLastUsed").isEmpty { model.passwordLastUsed = IAMPageSupport.date(user.text("PasswordLastUsed")) }
        } catch {
            if message == nil { status = error.status }
            if layout.denial == nil { layout.show(error) }
            model.layout = layout
            model.tabs = []
            return .page("iam-user", model, status: status)
        }
        do {
            let profile = try await page.client.optional("GetLoginProfile", [("UserName", name)])
            model.consoleEnabled = profile != nil
            model.resetRequired = profile?.text("PasswordResetRequired") == "true"
            switch tab {
            case "groups": try await loadGroups(&model)
            case "security_credentials": try await loadCredentials(&model)
            default: try await loadPermissions(&model)
            }
        } catch {
            failure = error
        }
        if let failure {
            if message == nil { status = failure.status }
            if layout.denial == nil && layout.error == nil { layout.show(failure) }
        }
        model.permissionsTab = tab == "permissions"
        model.groupsTab = tab == "groups"
        model.credentialsTab = tab == "security_credentials"
        model.layout = layout
        return .page("iam-user", model, status: status)
    }

    func loadPermissions(_ model: inout DetailModel) async throws(ConsoleClient.Failure) {
        let attached = try await page.client.all("ListAttachedUserPolicies", [("UserName", model.name)], list: "AttachedPolicies")
        model.policies = attached.map { Self.attached($0) }
        let inline = try await page.client.all("ListUserPolicies", [("UserName", model.name)], list: "PolicyNames")
        model.inlinePolicies = inline.map { Inline(name: $0.text, elementID: "delete-inline-" + $0.text) }
    }

    static func attached(_ node: XMLNode) -> Attached {
        let name = node.text("PolicyName"), arn = node.text("PolicyArn")
        return Attached(name: name, arn: arn, href: IAMPageSupport.policyPath(arn),
                        type: arn.hasPrefix("arn:aws:iam::aws:") ? "AWS managed" : "Customer managed", elementID: "detach-" + name)
    }

    func loadGroups(_ model: inout DetailModel) async throws(ConsoleClient.Failure) {
        let groups = try await page.client.all("ListGroupsForUser", [("UserName", model.name)], list: "Groups")
        let names = groups.map { $0.text("GroupName") }
        model.groups = names.map { Membership(name: $0, href: IAMPageSupport.groupPath($0), elementID: "remove-group-" + $0) }
        let all = try await page.client.all("ListGroups", list: "Groups").map { $0.text("GroupName") }
        model.groupOptions = all.filter { !names.contains($0) }.map { Option($0) }
        model.hasGroupOptions = !model.groupOptions.isEmpty
    }

    func loadCredentials(_ model: inout DetailModel) async throws(ConsoleClient.Failure) {
        let keys = try await page.client.all("ListAccessKeys", [("UserName", model.name)], list: "AccessKeyMetadata")
        for key in keys {
            let id = key.text("AccessKeyId")
            var row = AccessKey(id: id, active: key.text("Status") == "Active", status: key.text("Status"),
                                created: IAMPageSupport.date(key.text("CreateDate")), lastUsed: "Never", lastService: "-", lastRegion: "-")
            if let used = try? await page.client.call(.iam, "GetAccessKeyLastUsed", [("AccessKeyId", id)]) {
                if !used.text("LastUsedDate").isEmpty { row.lastUsed = IAMPageSupport.date(used.text("LastUsedDate")) }
                if used.text("ServiceName") != "N/A" && !used.text("ServiceName").isEmpty { row.lastService = used.text("ServiceName") }
                if used.text("Region") != "N/A" && !used.text("Region").isEmpty { row.lastRegion = used.text("Region") }
            }
            model.keys.append(row)
        }
        model.canCreateKey = keys.count < 2
        let devices = try await page.client.all("ListMFADevices", [("UserName", model.name)], list: "MFADevices")
        model.mfaDevices = devices.map {
            let serial = $0.text("SerialNumber")
            return MFADevice(serial: serial, enabled: IAMPageSupport.date($0.text("EnableDate")),
                             elementID: "remove-mfa-" + (serial.split(separator: "/").last.map(String.init) ?? serial))
        }
    }
}
