import IAMPolicy
import IAMPolicyCatalog

/// Which services, and which actions of them, the Allow statements of permissions policies reach,
/// judged as AWS's access advisor does: from the `Action`/`NotAction` lists alone (resources,
/// conditions and Deny statements are not considered), against the action catalog. The statements
/// are compiled once: patterns split and lowercased, indexed by their service part.
struct ServiceGrants {
    let catalog: ActionCatalog
    private let statements: [Grant]

    init(catalog: ActionCatalog, documents: [PolicyDocument]) {
        self.catalog = catalog
        statements = documents.flatMap(\.statements).filter { $0.effect == .allow }.map(Grant.init)
    }

    /// Whether some Allow statement reaches at least one action of `service` (a namespace). A
    /// namespace the catalog does not know is reached by `*` and by patterns naming it.
    func grants(service: String) -> Bool {
        let prefix = service.lowercased()
        let known = catalog.service(prefix)
        return statements.contains { $0.reaches(prefix, known) }
    }

    /// The catalog services reached, sorted by namespace.
    func services() -> [ActionCatalog.Service] {
        catalog.services.values
            .filter { service in statements.contains { $0.reaches(service.prefix.lowercased(), service) } }
            .sorted { $0.prefix < $1.prefix }
    }

    /// The actions of a catalog service that are reached, sorted by name.
    func actions(in service: ActionCatalog.Service) -> [ActionCatalog.Action] {
        let prefix = service.prefix.lowercased()
        return service.actions
            .filter { name, _ in statements.contains { $0.covers(prefix, name) } }
            .map(\.value)
            .sorted { $0.name < $1.name }
    }

    /// One Allow statement's `Action` or `NotAction` list.
    struct Grant {
        var negated: Bool
        /// Patterns whose service part is literal, by that service.
        var byService: [String: [Pattern]] = [:]
        /// Patterns whose service part has a wildcard (`*`, `*:Get*`, `s3*:List*`).
        var wildcards: [Pattern] = []

        init(_ statement: Statement) {
            negated = statement.actionIsNegated
            for entry in statement.actions {
                let pattern = Pattern(entry.value)
                if pattern.service.contains("*") || pattern.service.contains("?") {
                    wildcards.append(pattern)
                } else if !pattern.service.isEmpty {
                    byService[pattern.service, default: []].append(pattern)
                }
            }
        }

        func patterns(for service: String) -> [Pattern] {
            (byService[service] ?? []) + wildcards.filter { ActionCatalog.glob($0.service, service) }
        }

        /// Whether the list reaches some action of `service` (lowercased); `known` is its catalog entry.
        func reaches(_ service: String, _ known: ActionCatalog.Service?) -> Bool {
            let named = patterns(for: service)
            guard let known else {
                // Unknown to the catalog: only the service part can be judged.
                return negated ? !named.contains { $0.name == "*" } : !named.isEmpty
            }
            if named.contains(where: { $0.name == "*" }) { return !negated }
            if negated {
                return named.isEmpty || known.actions.keys.contains { name in !named.contains { $0.matches(name) } }
            }
            return named.contains { pattern in known.actions.keys.contains { pattern.matches($0) } }
        }

        /// Whether the list covers `service:name` (both lowercased).
        func covers(_ service: String, _ name: String) -> Bool {
            patterns(for: service).contains { $0.matches(name) } != negated
        }
    }

    /// An `Action` entry split into its service and name globs, lowercased (`*` alone matches all).
    struct Pattern {
        var service: String
        var name: String
        private var nameIsLiteral: Bool

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
            nameIsLiteral = !name.contains("*") && !name.contains("?")
        }

        /// Whether the name part matches a lowercased action name.
        func matches(_ lowercasedName: String) -> Bool {
            if name.isEmpty { return false }
            return nameIsLiteral ? name == lowercasedName : ActionCatalog.glob(name, lowercasedName)
        }
    }
}
