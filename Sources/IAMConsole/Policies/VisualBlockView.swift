import IAMPolicy
import IAMPolicyCatalog

/// One statement block of the visual editor as the template draws it: the service select, the
/// service's actions grouped by access level, resources, request conditions and effect.
struct VisualBlockView: Sendable {
    struct Level: Sendable {
        var name: String
        var count: Int
        var actions: [ActionBox]
    }

    struct ActionBox: Sendable {
        var value: String
        var name: String
        var id: String
        var checked: Bool
    }

    var number: Int
    /// Field name prefix (`""` for the first block, `s2.` ...) and element id suffix (`""`, `-2` ...).
    var prefix: String
    var idSuffix: String
    var sid: String
    var allow: Bool
    var services: [Option]
    var serviceChosen: Bool
    var serviceName: String
    var servicePrefix: String
    var allActions: Bool
    var levels: [Level]
    var allResources: Bool
    var arns: String
    var mfa: Bool
    var sourceIP: String
    var removable: Bool

    init(_ block: VisualPolicy.Block, index: Int, count: Int, catalog: ActionCatalog?) {
        number = index + 1
        prefix = VisualPolicy.prefix(index)
        idSuffix = index == 0 ? "" : "-\(index + 1)"
        sid = block.sid
        allow = block.effect == .allow
        services = [Option("", "Choose a service", selected: block.service.isEmpty)]
            + Self.serviceList.map { Option($0.prefix, $0.label, selected: $0.prefix == block.service) }
        let service = catalog?.service(block.service)
        serviceChosen = service != nil
        serviceName = service?.name ?? ""
        servicePrefix = service?.prefix ?? ""
        allActions = block.allActions
        levels = []
        allResources = block.allResources
        arns = block.arns.joined(separator: "\n")
        mfa = block.requireMFA
        sourceIP = block.sourceIPs.joined(separator: ", ")
        removable = count > 1
        if let service { levels = Self.levels(service, checked: Set(block.actions), idSuffix: idSuffix) }
    }

    private static func levels(_ service: ActionCatalog.Service, checked: Set<String>, idSuffix: String) -> [Level] {
        let grouped = Dictionary(grouping: service.actions.values, by: \.accessLevel)
        return ActionCatalog.AccessLevel.allCases.compactMap { level in
            guard let actions = grouped[level], !actions.isEmpty else { return nil }
            let boxes = actions.sorted { $0.name < $1.name }.map { action in
                ActionBox(value: action.fullName, name: action.name, id: "visual-action\(idSuffix)-\(action.name)",
                          checked: checked.contains(action.fullName))
            }
            return Level(name: level.rawValue, count: boxes.count, actions: boxes)
        }
    }

    /// Every service of the catalog, by name.
    private static let serviceList: [(prefix: String, label: String)] = {
        let services = (PolicyCatalog.actions?.services.values).map(Array.init) ?? []
        return services.sorted { $0.name.lowercased() < $1.name.lowercased() }.map { ($0.prefix, "\($0.name) (\($0.prefix))") }
    }()
}
