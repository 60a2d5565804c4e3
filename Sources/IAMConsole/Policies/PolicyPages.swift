import Foundation

/// IAM policies: `/console/iam/policies` (the list), `new` and `edit` (the editor), `view` (one
/// policy) and the view page's actions (`delete`, `set-default`, `delete-version`, `detach`).
struct PolicyPages: Sendable {
    struct ListModel: Sendable {
        var layout: ConsoleLayout
        var types: [Option]
        var query: String
        var rows: [Row]
        var range: String
        var previous: String?
        var next: String?
    }

    struct Row: Sendable {
        var name: String
        var href: String
        var type: String
        var attachments: String
        var description: String
    }

    /// The type filter: its value, label and ListPolicies `Scope`.
    static let types = [("all", "All types", "All"), ("aws", "AWS managed", "AWS"), ("customer", "Customer managed", "Local")]
    static let pageSize = 50

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        guard path.count <= 1 else { return notFound() }
        switch path.first ?? "" {
        case "": return await list()
        case "new": return await PolicyEditorPages(page: page, target: .create).respond()
        case "edit": return await PolicyEditorPages(page: page, target: .edit(arn: page.request.param("arn") ?? "")).respond()
        case "view": return await PolicyViewPage(page: page).view()
        case "delete", "set-default", "delete-version", "detach": return await PolicyActions(page: page).respond(path[0])
        default: return notFound()
        }
    }

    /// The HTTP status for a refused call: 403 for denials, 404 for missing entities, else 400.
    static func status(_ failure: ConsoleClient.Failure) -> Int {
        failure.isDenial ? 403 : (failure.code == "NoSuchEntity" ? 404 : 400)
    }

    /// Every page of a paginated IAM call (following `Marker`), as the responses in order.
    static func allPages(_ page: ConsolePage, _ action: String,
                         _ parameters: [(String, String)]) async throws(ConsoleClient.Failure) -> [XMLNode] {
        var responses: [XMLNode] = []
        var marker: String?
        for _ in 0..<100 {
            let response = try await page.client.call(.iam, action, parameters + (marker.map { [("Marker", $0)] } ?? []))
            responses.append(response)
            marker = response.text("IsTruncated") == "true" ? response.text("Marker") : nil
            if marker?.isEmpty ?? true { break }
        }
        return responses
    }

    private func list() async -> ConsoleResult {
        let type = Self.types.first { $0.0 == page.request.param("type") } ?? Self.types[0]
        let query = (page.request.param("q") ?? "").trimmingCharacters(in: .whitespaces)
        var model = ListModel(layout: page.layout("Policies", section: "iam"),
                              types: Self.types.map { Option($0.0, $0.1, selected: $0.0 == type.0) },
                              query: query, rows: [], range: "")
        let policies: [XMLNode]
        do {
            policies = try await Self.allPages(page, "ListPolicies", [("Scope", type.2), ("MaxItems", "1000")]).flatMap { $0.list("Policies") }
        } catch {
            model.layout.show(error)
            return .page("policy-list", model, status: Self.status(error))
        }
        let needle = query.lowercased()
        let matching = needle.isEmpty ? policies : policies.filter { $0.text("PolicyName").lowercased().contains(needle) }
        let pages = max(1, (matching.count + Self.pageSize - 1) / Self.pageSize)
        let number = min(max(Int(page.request.param("page") ?? "1") ?? 1, 1), pages)
        let shown = matching.dropFirst((number - 1) * Self.pageSize).prefix(Self.pageSize)
        model.rows = shown.map { policy in
            let arn = policy.text("Arn")
            return Row(name: policy.text("PolicyName"), href: PolicyRecord.viewPath(arn), type: PolicyRecord.typeLabel(arn),
                       attachments: policy.text("AttachmentCount"), description: policy.text("Description"))
        }
        let first = (number - 1) * Self.pageSize
        model.range = matching.isEmpty ? "No policies match." : "Policies \(first + 1)–\(first + shown.count) of \(matching.count)"
        let link = { (n: Int) in
            "/console/iam/policies?type=\(type.0)&q=\(ConsoleURL.encode(query))&page=\(n)"
        }
        model.previous = number > 1 ? link(number - 1) : nil
        model.next = number < pages ? link(number + 1) : nil
        return .page("policy-list", model)
    }

    private func notFound() -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("Not found", section: "iam"), heading: "Page not found",
                                 message: "There is no policy page at this address."), status: 404)
    }
}
