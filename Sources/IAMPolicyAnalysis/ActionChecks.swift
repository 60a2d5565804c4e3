import IAMPolicy
import IAMPolicyCatalog

/// Actions against the catalog (Access Analyzer's INVALID_ACTION and INVALID_SERVICE_IN_ACTION):
/// `unknownAction` (ERROR) for a name a catalogued service does not have, or a wildcard that
/// matches none of its actions; `unknownService` (ERROR) for a prefix one edit away from a
/// catalogued one; `serviceNotInCatalog` (WARNING) for any other prefix, since the catalog is a
/// snapshot and AWS's own managed policies still name retired services.
enum ActionChecks {
    static func check(_ statement: Statement, _ context: LintContext, _ out: inout [PolicyDiagnostic]) {
        let element = statement.actionIsNegated ? "NotAction" : "Action"
        for action in statement.actions {
            guard let (prefix, name) = split(action.value) else { continue }
            if let finding = finding(for: action, prefix: prefix, name: name, element: element, context) {
                out.append(finding)
            }
        }
    }

    /// `(service, name)` lowercased, or `nil` for `*` and for forms the grammar check reports.
    static func split(_ text: String) -> (String, String)? {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic
                  || ("0"..."9").contains($0) || "-.*?".unicodeScalars.contains($0)) }) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    private static func finding(for action: Located<String>, prefix: String, name: String, element: String,
                                _ context: LintContext) -> PolicyDiagnostic? {
        let text = action.value
        let catalog = context.catalog
        let services: [ActionCatalog.Service]
        if prefix.contains("*") || prefix.contains("?") {
            services = catalog.services.values.filter { ActionCatalog.glob(prefix, $0.prefix.lowercased()) }
            if services.isEmpty {
                return .finding(.warning, "serviceNotInCatalog",
                                "no service in the action catalog matches `\(prefix)` in `\(text)`",
                                at: action.location, pointer: action.pointer)
            }
        } else if let service = catalog.service(prefix) {
            services = [service]
        } else {
            return unknownService(prefix, in: "`\(text)`", at: action, context)
        }
        let isPattern = name.contains("*") || name.contains("?")
        if isPattern {
            if services.contains(where: { $0.actions.keys.contains { ActionCatalog.glob(name, $0) } }) { return nil }
            return .finding(.error, "unknownAction",
                            "`\(text)` in `\(element)` matches no action of \(serviceList(services))",
                            at: action.location, pointer: action.pointer)
        }
        guard let service = services.first, service.actions[name] == nil else { return nil }
        var detail = "`\(text)` in `\(element)` is not an action of `\(service.prefix)`"
        let names = service.actions.values.map(\.name)
        if let near = EditDistance.closest(to: name, in: names.sorted(), limit: EditDistance.typoLimit(for: name)) {
            detail += ", did you mean `\(service.prefix):\(near)`"
        }
        return .finding(.error, "unknownAction", detail, at: action.location, pointer: action.pointer)
    }

    /// The finding for a service prefix the catalog lacks, named in `subject` (an action or key).
    static func unknownService(_ prefix: String, in subject: String, at value: Located<String>,
                               _ context: LintContext) -> PolicyDiagnostic {
        if let near = context.nearMissService(prefix) {
            return .finding(.error, "unknownService",
                            "unknown service `\(prefix)` in \(subject), did you mean `\(near)`",
                            at: value.location, pointer: value.pointer)
        }
        return .finding(.warning, "serviceNotInCatalog",
                        "service `\(prefix)` in \(subject) is not in the action catalog (retired, or newer than the catalog), so it was not checked",
                        at: value.location, pointer: value.pointer)
    }

    private static func serviceList(_ services: [ActionCatalog.Service]) -> String {
        services.count == 1 ? "`\(services[0].prefix)`" : "the \(services.count) services it names"
    }
}
