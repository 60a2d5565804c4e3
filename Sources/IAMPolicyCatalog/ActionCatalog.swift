import Foundation
public import IAMPolicy

/// AWS's services, actions, access levels, resource types and condition keys (the Service
/// Authorization Reference), bundled as `aws-actions.json` by `Scripts/generate-action-catalog.py`.
/// Loaded once, on first use.
public struct ActionCatalog: Sendable {
    public enum AccessLevel: String, Sendable, Hashable, CaseIterable, Comparable {
        case list = "List"
        case read = "Read"
        case write = "Write"
        case permissionsManagement = "Permissions management"
        case tagging = "Tagging"

        public static func < (a: AccessLevel, b: AccessLevel) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    public struct Action: Sendable, Hashable {
        public var service: String
        public var name: String
        public var accessLevel: AccessLevel
        /// Resource types; a trailing `*` marks a required one (`instance*`).
        public var resourceTypes: [String]
        public var conditionKeys: [String]
        /// `service:Name`.
        public var fullName: String { "\(service):\(name)" }
    }

    public struct ResourceType: Sendable, Hashable {
        public var name: String
        public var arnFormat: String
        public var conditionKeys: [String]
    }

    public struct Service: Sendable {
        public var prefix: String
        public var name: String
        /// Keyed by lowercased action name.
        public var actions: [String: Action]
        public var resourceTypes: [String: ResourceType]
        /// Condition key (as written, e.g. `ec2:ResourceTag/${TagKey}`) → type (`String`, `ARN`, `Bool`, ...).
        public var conditionKeys: [String: String]
    }

    public let source: String
    public let services: [String: Service]

    private static let loaded: Result<ActionCatalog, ManagedPolicyCatalog.LoadError> = {
        do throws(ManagedPolicyCatalog.LoadError) {
            return .success(try load())
        } catch {
            return .failure(error)
        }
    }()

    public static func shared() throws(ManagedPolicyCatalog.LoadError) -> ActionCatalog {
        try loaded.get()
    }

    public func service(_ prefix: String) -> Service? { services[prefix.lowercased()] }

    public func action(_ fullName: String) -> Action? {
        let parts = fullName.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let service = service(String(parts[0])) else { return nil }
        return service.actions[parts[1].lowercased()]
    }

    /// The actions an `Action` element entry (`ec2:Describe*`, `iam:GetUser`, `*`) covers.
    public func actions(matching pattern: String) -> [Action] {
        if pattern == "*" { return services.values.flatMap { $0.actions.values } }
        let parts = pattern.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return [] }
        let servicePattern = parts[0].lowercased()
        let namePattern = parts[1].lowercased()
        let matchingServices = servicePattern.contains("*") || servicePattern.contains("?")
            ? services.values.filter { Self.glob(servicePattern, $0.prefix) }
            : [services[servicePattern]].compactMap { $0 }
        return matchingServices.flatMap { service in
            service.actions.filter { Self.glob(namePattern, $0.key) }.map(\.value)
        }
    }

    /// Case-sensitive `*`/`?` glob (callers lowercase both sides for actions).
    public static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let s = Array(text.unicodeScalars)
        var pi = 0
        var si = 0
        var star = -1
        var mark = 0
        while si < s.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == s[si]) {
                pi += 1
                si += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    static func load() throws(ManagedPolicyCatalog.LoadError) -> ActionCatalog {
        let paths = ManagedPolicyCatalog.candidatePaths().map {
            ($0 as NSString).deletingLastPathComponent + "/aws-actions.json"
        }
        guard let path = paths.first(where: { FileManager.default.fileExists(atPath: $0) }),
              let data = FileManager.default.contents(atPath: path) else {
            throw .notFound(paths)
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(String(decoding: data, as: UTF8.self), maximumDepth: 8)
        } catch {
            throw .malformed("\(error.location): \(error.message)")
        }
        var services: [String: Service] = [:]
        for entry in root["services"]?.arrayValue ?? [] {
            guard let prefix = entry["prefix"]?.stringValue else { continue }
            var service = Service(prefix: prefix, name: entry["name"]?.stringValue ?? prefix, actions: [:], resourceTypes: [:],
                                  conditionKeys: [:])
            for row in entry["actions"]?.arrayValue ?? [] {
                guard let fields = row.arrayValue, fields.count == 4, let name = fields[0].stringValue,
                      let level = fields[1].stringValue.flatMap(AccessLevel.init(rawValue:)) else { continue }
                service.actions[name.lowercased()] = Action(
                    service: prefix, name: name, accessLevel: level,
                    resourceTypes: fields[2].arrayValue?.compactMap(\.stringValue) ?? [],
                    conditionKeys: fields[3].arrayValue?.compactMap(\.stringValue) ?? [])
            }
            for row in entry["resources"]?.arrayValue ?? [] {
                guard let fields = row.arrayValue, fields.count == 3, let name = fields[0].stringValue else { continue }
                service.resourceTypes[name] = ResourceType(name: name, arnFormat: fields[1].stringValue ?? "",
                                                           conditionKeys: fields[2].arrayValue?.compactMap(\.stringValue) ?? [])
            }
            for row in entry["conditions"]?.arrayValue ?? [] {
                guard let fields = row.arrayValue, fields.count == 2, let key = fields[0].stringValue else { continue }
                service.conditionKeys[key] = fields[1].stringValue ?? "String"
            }
            services[prefix.lowercased()] = service
        }
        return ActionCatalog(source: root["source"]?.stringValue ?? "unknown", services: services)
    }
}
