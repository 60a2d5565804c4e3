/// A statement's `Action`/`NotAction` list, indexed by lowercased service prefix: exact names in a
/// set, wildcard names as globs, and patterns whose prefix has wildcards checked last.
struct ActionMatcher: Sendable {
    struct ServiceActions: Sendable {
        var all = false
        var exact: Set<String> = []
        var patterns: [GlobPattern] = []
    }

    private(set) var matchesAll = false
    private(set) var byService: [String: ServiceActions] = [:]
    /// Patterns whose service part has a wildcard (`*:Get*`, `s3*:List*`) or no colon at all.
    private(set) var fullPatterns: [GlobPattern] = []

    init(_ actions: [String]) {
        for action in actions {
            if action == "*" {
                matchesAll = true
                continue
            }
            let lower = String(decoding: ASCII.lowercased(action), as: UTF8.self)
            guard let colon = lower.firstIndex(of: ":") else {
                fullPatterns.append(GlobPattern(lower))
                continue
            }
            let service = String(lower[..<colon])
            let name = String(lower[lower.index(after: colon)...])
            if service.contains("*") || service.contains("?") {
                fullPatterns.append(GlobPattern(lower))
                continue
            }
            if name == "*" {
                byService[service, default: ServiceActions()].all = true
            } else if name.contains("*") || name.contains("?") {
                byService[service, default: ServiceActions()].patterns.append(GlobPattern(name))
            } else {
                byService[service, default: ServiceActions()].exact.insert(name)
            }
        }
    }

    /// The services this list can match; `nil` when it may match any service.
    var services: Set<String>? {
        matchesAll || !fullPatterns.isEmpty ? nil : Set(byService.keys)
    }

    func matches(_ request: AuthorizationRequest) -> Bool {
        if matchesAll { return true }
        if let actions = byService[request.service] {
            if actions.all || actions.exact.contains(request.name) { return true }
            for pattern in actions.patterns where pattern.matches(request.nameBytes) { return true }
        }
        for pattern in fullPatterns where pattern.matches(request.actionBytes) { return true }
        return false
    }
}
