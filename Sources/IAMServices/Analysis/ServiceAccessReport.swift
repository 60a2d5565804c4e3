import IAMModel
import IAMPolicy
import IAMPolicyCatalog

/// A service last accessed report: every service the entity's permissions policies reach (sorted by
/// namespace), each with the most recent recorded use by the report's principals, and at action
/// level the tracked actions the policies reach. Pure: the handler gathers policies and activity.
struct ServiceAccessReport {
    /// Services whose actions Warden records one by one (it serves them): their actions are the
    /// report's tracked actions at `ACTION_LEVEL`.
    static let trackedServices: Set<String> = ["iam", "sts", "ec2"]

    struct Use: Sendable, Hashable {
        var at: Int64
        var entityARN: String
        var region: String
    }

    struct TrackedAction: Sendable {
        var name: String
        var lastUse: Use?
    }

    struct Service: Sendable {
        var name: String
        var namespace: String
        var lastUse: Use?
        /// How many of the report's principals used the service.
        var authenticatedEntities: Int
        /// `nil` for service-level reports and untracked services.
        var trackedActions: [TrackedAction]?
    }

    var services: [Service]

    init(grants: ServiceGrants, activity: [IAMActivity], actionLevel: Bool) {
        var byService: [String: [IAMActivity]] = [:]
        for record in activity { byService[record.service, default: []].append(record) }
        services = grants.services().map { service in
            let namespace = service.prefix.lowercased()
            let uses = byService[namespace] ?? []
            var entry = Service(name: service.name, namespace: service.prefix, lastUse: Self.latest(uses),
                                authenticatedEntities: Set(uses.map(\.principalID)).count, trackedActions: nil)
            if actionLevel && Self.trackedServices.contains(namespace) {
                entry.trackedActions = grants.actions(in: service).map { action in
                    TrackedAction(name: action.name,
                                  lastUse: Self.latest(uses.filter { $0.action.lowercased() == action.name.lowercased() }))
                }
            }
            return entry
        }
    }

    static func latest(_ uses: [IAMActivity]) -> Use? {
        uses.max { ($0.at, $0.principalARN) < ($1.at, $1.principalARN) }
            .map { Use(at: $0.at, entityARN: $0.principalARN, region: $0.region) }
    }
}
