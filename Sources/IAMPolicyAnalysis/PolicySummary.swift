public import IAMPolicy
public import IAMPolicyCatalog

/// What one or more policies allow and explicitly deny, per service, modelled on the IAM console's
/// policy summary: each row names a service, its access level (`Full access`, or which access levels
/// are fully or partly covered), the resources and the request conditions; each service row also
/// carries the drill-down (its actions with their access levels, resources and conditions).
///
/// Rows come in three sections: explicit deny, allow, and uncategorized (services or actions the
/// action catalog does not know). Statements that reach every service (`"Action": "*"`,
/// `"*:Get*"`, or any `NotAction`) become one "All services" row instead of a row per service.
public struct PolicySummary: Sendable {
    /// The console's grouping of rows.
    public enum Section: String, Sendable, Hashable, CaseIterable {
        case explicitDeny = "Explicit deny"
        case allow = "Allow"
        case uncategorized = "Uncategorized"
    }

    /// One statement's contribution: which policy and statement, on which resources, under which condition.
    public struct Grant: Sendable, Hashable {
        /// The policy's name.
        public var policy: String
        /// The statement's `Sid`, or its 0-based index when it has none.
        public var statement: String
        /// Display lines: `All resources`, `All resources except ...`, or each ARN pattern as written.
        public var resources: [String]
        /// The statement's `Condition` block as text, or `nil` when it has none.
        public var condition: String?
    }

    /// A line of a row's Resource or Request condition cell.
    public struct Line: Sendable, Hashable {
        /// A resource line, or a condition block in words, or `None`.
        public var text: String
        /// How many of the row's actions this line applies to, or `nil` when it applies to all of them.
        public var actionCount: Int?
    }

    /// How many of a service's actions at one access level the row covers.
    public struct LevelCount: Sendable, Hashable {
        public var level: ActionCatalog.AccessLevel
        /// Actions at this level that the row covers.
        public var covered: Int
        /// Actions at this level in the service (or the whole catalog, for all services).
        public var total: Int
    }

    /// One action of a service row (the drill-down), with every statement that covers it.
    public struct ActionEntry: Sendable, Hashable {
        /// The service prefix (`iam`).
        public var service: String
        /// The action name as the catalog spells it (`ChangePassword`).
        public var name: String
        public var accessLevel: ActionCatalog.AccessLevel
        /// The statements covering the action, in input order.
        public var grants: [Grant]
        /// `service:Name`.
        public var fullName: String { "\(service):\(name)" }
    }

    /// An `Action`/`NotAction` entry as written, with what it matches in the action catalog.
    public struct PatternMatch: Sendable, Hashable {
        /// The entry as written (`iam:CreateVirtualMFADevice`, `*:Describe*`).
        public var pattern: String
        /// How many catalog actions it matches, in how many services (0 when unrecognized).
        public var actionCount: Int
        public var serviceCount: Int
        /// The access levels of the matched actions, in catalog order.
        public var levels: [ActionCatalog.AccessLevel]
    }

    /// One line of the summary: a service (or all services, or an unrecognized service) under one effect.
    public struct Row: Sendable {
        /// What the row stands for.
        public enum Kind: String, Sendable, Hashable {
            /// A service the action catalog knows, with the actions it covers.
            case service
            /// Statements reaching every service: `*`, `*:Pattern`, or `NotAction`.
            case allServices = "all-services"
            /// A service, or actions of a known service, that the action catalog does not know.
            case unrecognized
        }

        public var kind: Kind
        /// `Deny` rows make the explicit deny section; `Allow` rows the allow section.
        public var effect: Effect
        /// The service prefix (`ec2`), or `*` for an all-services row.
        public var service: String
        /// The catalog's service name (`Amazon EC2`), `All services`, or the prefix when unknown.
        public var serviceName: String
        /// Whether the row comes from `NotAction`: it covers every action except `patterns`.
        public var actionIsNegated: Bool
        /// All-services and uncategorized rows: the `Action`/`NotAction` entries as written.
        public var patterns: [PatternMatch]
        /// Covered actions per access level (service and all-services rows; empty otherwise).
        public var levels: [LevelCount]
        /// Whether the row covers every action of its service (or, for all services, of the catalog).
        public var isFullAccess: Bool
        /// How many catalog actions, and in how many services, the row covers.
        public var coveredActions: Int
        public var coveredServices: Int
        /// The Resource cell: distinct resource lines of the row's statements, in statement order.
        public var resources: [Line]
        /// The Request condition cell: distinct condition blocks (or `None`), in statement order.
        public var conditions: [Line]
        /// Service rows: the covered actions, ordered by access level then name.
        public var actions: [ActionEntry]
        /// The policies whose statements produced the row, in input order.
        public var policies: [String]

        /// The section the row is listed in.
        public var section: Section {
            if kind == .unrecognized { return .uncategorized }
            return effect == .deny ? .explicitDeny : .allow
        }

        /// The access level cell on one line: `Full access`, `Full: List, Read; Limited: Write`,
        /// `All actions except iam:GetUser, ...`, `Unrecognized service` or `Unrecognized actions`.
        public var accessLevel: String {
            switch kind {
            case .unrecognized:
                return service == serviceName ? "Unrecognized service" : "Unrecognized actions"
            case .allServices where actionIsNegated:
                return "All actions except " + patterns.map(\.pattern).joined(separator: ", ")
            case .allServices, .service:
                if isFullAccess { return "Full access" }
                let full = levels.filter { $0.covered > 0 && $0.covered == $0.total }.map(\.level.rawValue)
                let limited = levels.filter { $0.covered > 0 && $0.covered < $0.total }.map(\.level.rawValue)
                var parts: [String] = []
                if !full.isEmpty { parts.append("Full: " + full.joined(separator: ", ")) }
                if !limited.isEmpty { parts.append("Limited: " + limited.joined(separator: ", ")) }
                return parts.isEmpty ? "None" : parts.joined(separator: "; ")
            }
        }
    }

    /// The summarized policies' names, in input order.
    public var policies: [String]
    /// How many services the action catalog knows (the console's "N of M services").
    public var catalogServiceCount: Int
    /// Explicit deny rows, then allow rows, then uncategorized rows.
    public var rows: [Row]

    /// Summarizes the statements of all `policies` together (as attached to one identity).
    public static func summarize(
        _ policies: [(name: String, document: PolicyDocument)], catalog: ActionCatalog
    ) -> PolicySummary {
        var builder = PolicySummaryBuilder(catalog: catalog)
        for policy in policies {
            for statement in policy.document.statements {
                builder.add(statement, policy: policy.name)
            }
        }
        return PolicySummary(
            policies: policies.map(\.name), catalogServiceCount: catalog.services.count, rows: builder.rows())
    }

    /// The rows of one section, in display order.
    public func rows(in section: Section) -> [Row] {
        rows.filter { $0.section == section }
    }

    /// The row of one service in one section (`ec2`, `.allow`), if any.
    public func row(_ service: String, in section: Section) -> Row? {
        rows.first { $0.section == section && $0.service == service.lowercased() }
    }
}
