import IAMPolicy
import IAMPolicyCatalog

/// Entries of one statement's lists that add nothing (Access Analyzer's REDUNDANT_ACTION and
/// REDUNDANT_RESOURCE suggestions): `duplicateAction` for an action listed twice,
/// `redundantAction` for one a wildcard entry of the same list already covers, and
/// `redundantResource` for a resource listed twice or covered by a wildcard ARN.
enum ElementRedundancy {
    static func check(_ statement: Statement, _ out: inout [PolicyDiagnostic]) {
        let actionElement = statement.actionIsNegated ? "NotAction" : "Action"
        checkActions(statement.actions, element: actionElement, &out)
        if let resources = statement.resources {
            checkResources(resources, element: statement.resourceIsNegated ? "NotResource" : "Resource", &out)
        }
    }

    private static func checkActions(_ actions: [Located<String>], element: String, _ out: inout [PolicyDiagnostic]) {
        let lowered = actions.map { $0.value.lowercased() }
        // Wildcard entries by the service prefix they name, so each action meets only its own.
        var wildcards: [String: [Int]] = [:]
        var anyService: [Int] = []
        for (i, text) in lowered.enumerated() where text.contains("*") || text.contains("?") {
            let prefix = String(text.prefix { $0 != ":" })
            if text == "*" || prefix.contains("*") || prefix.contains("?") || prefix == text {
                anyService.append(i)
            } else {
                wildcards[prefix, default: []].append(i)
            }
        }
        var first: [String: Int] = [:]
        for (i, text) in lowered.enumerated() {
            if let earlier = first[text] {
                out.append(.finding(.suggestion, "duplicateAction",
                                    "`\(actions[i].value)` is listed twice in `\(element)` (first at \(actions[earlier].location))",
                                    at: actions[i].location, pointer: actions[i].pointer))
                continue
            }
            first[text] = i
            let prefix = String(text.prefix { $0 != ":" })
            let candidates = (wildcards[prefix] ?? []) + anyService
            // Two patterns covering each other (`s3:*`, `s3:**`): only the later one is redundant.
            if let j = candidates.first(where: { lowered[$0] != text && LintContext.covers(lowered[$0], text)
                && !($0 > i && LintContext.covers(text, lowered[$0])) }) {
                out.append(.finding(.suggestion, "redundantAction",
                                    "`\(actions[i].value)` is already covered by `\(actions[j].value)` in `\(element)`",
                                    at: actions[i].location, pointer: actions[i].pointer))
            }
        }
    }

    private static func checkResources(_ resources: [Located<String>], element: String, _ out: inout [PolicyDiagnostic]) {
        let wildcards = resources.indices.filter { resources[$0].value.contains("*") || resources[$0].value.contains("?") }
        var first: [String: Int] = [:]
        for (i, resource) in resources.enumerated() {
            let text = resource.value
            if let earlier = first[text] {
                out.append(.finding(.suggestion, "redundantResource",
                                    "`\(text)` is listed twice in `\(element)` (first at \(resources[earlier].location))",
                                    at: resource.location, pointer: resource.pointer))
                continue
            }
            first[text] = i
            if let j = wildcards.first(where: { resources[$0].value != text && covers(resources[$0].value, text)
                && !($0 > i && covers(text, resources[$0].value)) }) {
                out.append(.finding(.suggestion, "redundantResource",
                                    "`\(text)` is already covered by `\(resources[j].value)` in `\(element)`",
                                    at: resource.location, pointer: resource.pointer))
            }
        }
    }

    /// Resource entries compare case-sensitively; a policy variable is compared as written.
    static func covers(_ pattern: String, _ resource: String) -> Bool {
        pattern == "*" || ActionCatalog.glob(pattern, resource)
    }
}
