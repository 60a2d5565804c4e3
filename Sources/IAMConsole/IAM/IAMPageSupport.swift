/// Shared pieces of the IAM pages: addresses, paged list calls, dates and error statuses.
enum IAMPageSupport {
    static let changePasswordPolicy = "arn:aws:iam::aws:policy/IAMUserChangePassword"

    /// The detail page of a user. `new` is the create form's address, so a user named `new`
    /// is reached through `new/summary`.
    static func userPath(_ name: String) -> String {
        "/console/iam/users/" + ConsoleURL.encode(name) + (name == "new" ? "/summary" : "")
    }

    static func groupPath(_ name: String) -> String {
        "/console/iam/groups/" + ConsoleURL.encode(name) + (name == "new" ? "/summary" : "")
    }

    static func policyPath(_ arn: String) -> String { "/console/iam/policies/view?arn=" + ConsoleURL.encode(arn) }

    /// `2024-05-01T10:20:30Z` as `2024-05-01 10:20 UTC`; other text unchanged.
    static func date(_ iso: String) -> String {
        guard iso.count >= 16, iso.dropFirst(10).first == "T" else { return iso.isEmpty ? "-" : iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }

    /// The IAM frame with `area`'s entry in the left navigation marked current.
    static func layout(_ page: ConsolePage, _ title: String, area: String) -> ConsoleLayout {
        var layout = page.layout(title, section: "iam")
        for index in layout.nav.indices { layout.nav[index].current = layout.nav[index].href == area }
        return layout
    }
}

extension ConsoleClient {
    /// Every item of a paged IAM list (`member` children of `list`), following `Marker`.
    func all(_ action: String, _ parameters: [(String, String)] = [], list: String) async throws(Failure) -> [XMLNode] {
        var items: [XMLNode] = []
        var marker: String?
        var pages = 0
        repeat {
            var query = parameters + [("MaxItems", "1000")]
            if let marker { query.append(("Marker", marker)) }
            let tree = try await call(.iam, action, query)
            items += tree.list(list)
            marker = tree.text("IsTruncated") == "true" && !tree.text("Marker").isEmpty ? tree.text("Marker") : nil
            pages += 1
        } while marker != nil && pages < 100
        return items
    }

    /// Nil when the entity does not exist (`NoSuchEntity`); other failures are thrown.
    func optional(_ action: String, _ parameters: [(String, String)]) async throws(Failure) -> XMLNode? {
        do {
            return try await call(.iam, action, parameters)
        } catch {
            if error.code == "NoSuchEntity" { return nil }
            throw error
        }
    }
}

extension ConsoleClient.Failure {
    /// The HTTP status of a page that shows this failure: always a 4xx for refused input.
    var status: Int {
        if isDenial { return 403 }
        switch code {
        case "NoSuchEntity": return 404
        case "EntityAlreadyExists", "DeleteConflict", "LimitExceeded": return 409
        case "InternalFailure", "ServiceFailure": return 500
        default: return 400
        }
    }

    /// One line for a list of failed steps.
    var line: String { "\(code): \(message)" }
}
