/// One managed policy, `/console/iam/policies/view?arn=...&tab=...`: its details, and the tabs
/// Permissions (summary and JSON of the default version, or of `version=`), Entities attached and
/// Policy versions.
struct PolicyViewPage: Sendable {
    struct Model: Sendable {
        var layout: ConsoleLayout
        var arn: String
        var policy: PolicyRecord?
        var customer: Bool
        var tabs: [Tab]
        var permissionsTab: Bool
        var summary: PolicySummaryTable?
        var entitiesTab: Bool
        var entities: [Entity]
        var versionsTab: Bool
        var versions: [Version]
        var showingOtherVersion: Bool
        var editHref: String
        var deleteConfirm: String
    }

    struct Tab: Sendable {
        var id: String
        var label: String
        var href: String
        var current: Bool
    }

    struct Entity: Sendable {
        var name: String
        var type: String
        var kind: String
    }

    struct Version: Sendable {
        var id: String
        var created: String
        var isDefault: Bool
        var href: String
    }

    static let tabNames = [("permissions", "Permissions"), ("entities", "Entities attached"), ("versions", "Policy versions")]

    let page: ConsolePage

    func view() async -> ConsoleResult {
        await view(arn: page.request.param("arn") ?? "", tab: page.request.param("tab"), version: page.request.param("version"))
    }

    /// The page for `arn`; a failed action (from `PolicyActions`) is shown above it.
    func view(arn: String, tab requested: String?, version: String? = nil, failure: ConsoleClient.Failure? = nil) async -> ConsoleResult {
        let tab = Self.tabNames.contains { $0.0 == requested } ? requested ?? "permissions" : "permissions"
        var layout = page.layout(PolicyRecord.name(fromARN: arn), section: "iam")
        guard !arn.isEmpty else {
            return .page("error", ErrorPage(layout: layout, heading: "Policy", message: "Choose a policy from the list."), status: 400)
        }
        if let failure { layout.show(failure) }
        var model = Model(
            layout: layout, arn: arn, policy: nil, customer: !PolicyRecord.isAWSManaged(arn),
            tabs: Self.tabNames.map { Tab(id: "tab-" + $0.0, label: $0.1, href: PolicyRecord.viewPath(arn, tab: $0.0), current: $0.0 == tab) },
            permissionsTab: tab == "permissions", summary: nil, entitiesTab: tab == "entities", entities: [],
            versionsTab: tab == "versions", versions: [], showingOtherVersion: false, editHref: PolicyRecord.editPath(arn),
            deleteConfirm: "Delete \(PolicyRecord.name(fromARN: arn))? It is detached from every user, group and role first. This can't be undone.")
        do {
            let record = try await PolicyRecord.load(page, arn: arn, version: tab == "permissions" ? version : nil)
            model.policy = record
            model.showingOtherVersion = record.versionID != record.defaultVersion
            switch tab {
            case "entities": model.entities = try await Self.entities(page, arn: arn)
            case "versions": model.versions = try await versions(arn)
            default: model.summary = PolicySummaryTable(record.document, name: record.name)
            }
        } catch {
            model.layout.show(error)
            return .page("policy-view", model, status: PolicyPages.status(failure ?? error))
        }
        return .page("policy-view", model, status: failure.map(PolicyPages.status) ?? 200)
    }

    /// ListEntitiesForPolicy: the users, groups and roles the policy is attached to.
    static func entities(_ page: ConsolePage, arn: String) async throws(ConsoleClient.Failure) -> [Entity] {
        let lists = [("PolicyUsers", "UserName", "User", "user"), ("PolicyGroups", "GroupName", "Group", "group"),
                     ("PolicyRoles", "RoleName", "Role", "role")]
        return try await PolicyPages.allPages(page, "ListEntitiesForPolicy", [("PolicyArn", arn)]).flatMap { response in
            lists.flatMap { list, field, type, kind in response.list(list).map { Entity(name: $0.text(field), type: type, kind: kind) } }
        }
    }

    /// ListPolicyVersions, every page.
    static func versions(_ page: ConsolePage, arn: String) async throws(ConsoleClient.Failure) -> [XMLNode] {
        try await PolicyPages.allPages(page, "ListPolicyVersions", [("PolicyArn", arn)]).flatMap { $0.list("Versions") }
    }

    private func versions(_ arn: String) async throws(ConsoleClient.Failure) -> [Version] {
        try await Self.versions(page, arn: arn).map { item in
            let id = item.text("VersionId")
            return Version(id: id, created: item.text("CreateDate"), isDefault: item.text("IsDefaultVersion") == "true",
                           href: PolicyRecord.viewPath(arn, tab: "permissions") + "&version=" + ConsoleURL.encode(id))
        }
    }
}
