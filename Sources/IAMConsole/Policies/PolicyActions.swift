/// The view page's buttons (POST): delete the policy, set the default version, delete a version,
/// detach from an entity. Each is API calls; a refusal shows the view page with it.
struct PolicyActions: Sendable {
    let page: ConsolePage

    func respond(_ action: String) async -> ConsoleResult {
        let arn = page.request.field("arn")
        guard page.isPost, !arn.isEmpty else { return .redirect("/console/iam/policies") }
        let name = PolicyRecord.name(fromARN: arn)
        let version = page.request.field("version")
        do {
            switch action {
            case "delete":
                try await delete(arn)
                return page.redirect("/console/iam/policies", notice: "Policy \(name) deleted.")
            case "set-default":
                try await page.client.call(.iam, "SetDefaultPolicyVersion", [("PolicyArn", arn), ("VersionId", version)])
                return page.redirect(PolicyRecord.viewPath(arn, tab: "versions"), notice: "Version \(version) is now the default version.")
            case "delete-version":
                try await page.client.call(.iam, "DeletePolicyVersion", [("PolicyArn", arn), ("VersionId", version)])
                return page.redirect(PolicyRecord.viewPath(arn, tab: "versions"), notice: "Version \(version) deleted.")
            default:
                let entity = page.request.field("entity")
                try await detach(arn, kind: page.request.field("kind"), entity: entity)
                return page.redirect(PolicyRecord.viewPath(arn, tab: "entities"), notice: "Policy \(name) detached from \(entity).")
            }
        } catch {
            let tab = switch action {
            case "set-default", "delete-version": "versions"
            case "detach": "entities"
            default: "permissions"
            }
            return await PolicyViewPage(page: page).view(arn: arn, tab: tab, failure: error)
        }
    }

    /// As the console deletes a policy: detach it from every entity, delete its non-default versions, then DeletePolicy.
    private func delete(_ arn: String) async throws(ConsoleClient.Failure) {
        for entity in try await PolicyViewPage.entities(page, arn: arn) {
            try await detach(arn, kind: entity.kind, entity: entity.name)
        }
        for version in try await PolicyViewPage.versions(page, arn: arn) where version.text("IsDefaultVersion") != "true" {
            try await page.client.call(.iam, "DeletePolicyVersion", [("PolicyArn", arn), ("VersionId", version.text("VersionId"))])
        }
        try await page.client.call(.iam, "DeletePolicy", [("PolicyArn", arn)])
    }

    private func detach(_ arn: String, kind: String, entity: String) async throws(ConsoleClient.Failure) {
        let (action, field) = switch kind {
        case "group": ("DetachGroupPolicy", "GroupName")
        case "role": ("DetachRolePolicy", "RoleName")
        default: ("DetachUserPolicy", "UserName")
        }
        try await page.client.call(.iam, action, [(field, entity), ("PolicyArn", arn)])
    }
}
