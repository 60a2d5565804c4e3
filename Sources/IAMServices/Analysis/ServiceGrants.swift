import IAMPolicy
import IAMPolicyCatalog

/// Which services, and which actions of them, the Allow statements of permissions policies reach,
/// judged as AWS's access advisor does: from the `Action`/`NotAction` lists alone (resources,
/// conditions and Deny statements are not considered), against the action catalog.
struct ServiceGrants {
    let catalog: ActionCatalog

    /// Whether an Allow statement of `documents` reaches at least one action of `service` (a
    /// namespace). A namespace the catalog does not know is reached by `*` and by patterns whose
    /// service part matches it.
    func grants(_ documents: [PolicyDocument], service: String) -> Bool {
        documents.contains { document in
            document.statements.contains { $0.effect == .allow && reaches($0, service: service.lowercased()) }
        }
    }

    /// The catalog services `documents` reach, sorted by namespace.
    func services(_ documents: [PolicyDocument]) -> [ActionCatalog.Service] {
        let statements = documents.flatMap(\.statements).filter { $0.effect == .allow }
        return catalog.services.values
            .filter { service in statements.contains { reaches($0, service: service.prefix.lowercased()) } }
            .sorted { $0.prefix < $1.prefix }
    }

    /// The actions of a catalog service that `documents` reach, sorted by name.
    func actions(_ documents: [PolicyDocument], in service: ActionCatalog.Service) -> [ActionCatalog.Action] {
        let statements = documents.flatMap(\.statements).filter { $0.effect == .allow }
        let prefix = service.prefix.lowercased()
        return service.actions.values
            .filter { action in statements.contains { covers($0, service: prefix, actionName: action.name.lowercased()) } }
            .sorted { $0.name < $1.name }
    }

    /// Whether the statement's action list reaches some action of `service` (lowercased).
    func reaches(_ statement: Statement, service: String) -> Bool {
        let patterns = statement.actions.map { Pattern($0.value) }
        guard let known = catalog.service(service) else {
            // Unknown to the catalog: only the service part can be judged.
            let named = patterns.filter { $0.matchesService(service) }
            if statement.actionIsNegated { return !named.contains { $0.name == "*" } }
            return !named.isEmpty
        }
        if !statement.actionIsNegated {
            for pattern in patterns where pattern.matchesService(service) {
                if pattern.name == "*" || known.actions.keys.contains(where: { pattern.matchesName($0) }) { return true }
            }
            return false
        }
        let excluding = patterns.filter { $0.matchesService(service) }
        if excluding.isEmpty { return true }
        return known.actions.keys.contains { name in !excluding.contains { $0.matchesName(name) } }
    }

    /// Whether the statement's action list covers `service:actionName` (both lowercased).
    func covers(_ statement: Statement, service: String, actionName: String) -> Bool {
        let matched = statement.actions.contains { entry in
            let pattern = Pattern(entry.value)
            return pattern.matchesService(service) && pattern.matchesName(actionName)
        }
        return matched != statement.actionIsNegated
    }

    /// An `Action` entry split into its service and name globs, lowercased (`*` alone matches all).
    struct Pattern {
        var service: String
        var name: String

        init(_ text: String) {
            let lower = text.lowercased()
            if lower == "*" {
                service = "*"
                name = "*"
            } else if let colon = lower.firstIndex(of: ":") {
                service = String(lower[..<colon])
                name = String(lower[lower.index(after: colon)...])
            } else {
                // Not `service:action`: matches nothing (the grammar check refuses it anyway).
                service = ""
                name = ""
            }
        }

        func matchesService(_ prefix: String) -> Bool {
            !service.isEmpty && ActionCatalog.glob(service, prefix)
        }

        func matchesName(_ lowercasedName: String) -> Bool {
            !name.isEmpty && ActionCatalog.glob(name, lowercasedName)
        }
    }
}
