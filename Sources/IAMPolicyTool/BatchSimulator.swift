package import IAMPolicy
import IAMPolicyCatalog

/// `warden policy simulate --batch REQUESTS.jsonl --policy-set POLICIES.json`: one JSON request
/// per input line, one JSON decision per output line, in order. Policy sets are compiled once
/// per distinct combination of policies and boundary.
package struct BatchSimulator {
    private var documents: [String: String]
    private var compiled: [String: CompiledPolicy] = [:]
    private var sets: [String: PolicySet] = [:]
    package private(set) var evaluated = 0
    package private(set) var failed = 0

    /// `policySet` is the text of `{"Name": {policy document}, ...}`.
    package init(policySet: String) throws(PolicySimulateTool.Failure) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(policySet)
        } catch {
            throw PolicySimulateTool.Failure(description: "policy set \(error.location): \(error.message)")
        }
        guard let members = root.objectValue else {
            throw PolicySimulateTool.Failure(description: "the policy set must be a JSON object of name to document")
        }
        var documents: [String: String] = [:]
        for member in members {
            guard case .object = member.value.kind else {
                throw PolicySimulateTool.Failure(description: "policy `\(member.key)` in the policy set is not an object")
            }
            documents[member.key] = JSONRender.render(member.value)
        }
        self.documents = documents
    }

    private mutating func policy(_ name: String) throws(PolicySimulateTool.Failure) -> CompiledPolicy {
        if let hit = compiled[name] { return hit }
        let text: String
        if let own = documents[name] {
            text = own
        } else if let managed = try? ManagedPolicyCatalog.shared().policy(name) {
            text = managed.document
        } else {
            throw PolicySimulateTool.Failure(description: "unknown policy `\(name)`")
        }
        let policy = try PolicySimulateTool.compile(PolicySource(name: name, text: text))
        compiled[name] = policy
        return policy
    }

    private mutating func policySet(_ names: [String], boundary: String?) throws(PolicySimulateTool.Failure) -> PolicySet {
        let key = names.joined(separator: "\u{0}") + "\u{1}" + (boundary ?? "")
        if let hit = sets[key] { return hit }
        var identity: [CompiledPolicy] = []
        for name in names { identity.append(try policy(name)) }
        let set = PolicySet(identity: identity, boundary: try boundary.map { (b) throws(PolicySimulateTool.Failure) in try policy(b) })
        sets[key] = set
        return set
    }

    /// Evaluates one input line and returns its output line.
    package mutating func process(line: String) -> String {
        var id = "null"
        do throws(PolicySimulateTool.Failure) {
            let node: JSONNode
            do {
                node = try JSONParser.parse(line)
            } catch {
                throw PolicySimulateTool.Failure(description: "\(error.location): \(error.message)")
            }
            if let given = node["id"] { id = JSONRender.render(given) }
            let names = try (node["policies"]?.arrayValue ?? []).map { (n) throws(PolicySimulateTool.Failure) -> String in
                guard let s = n.stringValue else { throw PolicySimulateTool.Failure(description: "`policies` must hold names") }
                return s
            }
            let set = try policySet(names, boundary: node["boundary"]?.stringValue)
            guard let action = node["action"]?.stringValue, let resource = node["resource"]?.stringValue else {
                throw PolicySimulateTool.Failure(description: "`action` and `resource` are required strings")
            }
            var context = try Self.context(node["context"])
            let principal = node["principal"]?.stringValue.map(SimulatedPrincipal.parse)
                ?? .user(context.values("aws:username")?.first?.text ?? "simulated-user")
            SimulatedPrincipal.addImpliedKeys(principal, to: &context)
            let decision = PolicyEvaluator.evaluate(
                AuthorizationRequest(principal: principal, action: action, resource: resource, context: context), set)
            evaluated += 1
            return JSONText.object([
                ("id", id), ("decision", JSONText.quote(decision.outcome.rawValue)),
                ("decided_by", JSONText.quote(decision.decidedBy?.description)),
            ])
        } catch {
            failed += 1
            return JSONText.object([("id", id), ("error", JSONText.quote(error.description))])
        }
    }

    /// `{"key": "v" | 1 | true | ["v1", "v2"]}` into typed context values.
    package static func context(_ node: JSONNode?) throws(PolicySimulateTool.Failure) -> RequestContext {
        var context = RequestContext()
        guard let node else { return context }
        guard let members = node.objectValue else { throw PolicySimulateTool.Failure(description: "`context` must be an object") }
        for member in members {
            if let elements = member.value.arrayValue {
                var values: [ContextValue] = []
                for element in elements { values.append(try value(element, member.key)) }
                context.set(member.key, values: values)
            } else {
                context.set(member.key, try value(member.value, member.key))
            }
        }
        return context
    }

    private static func value(_ node: JSONNode, _ key: String) throws(PolicySimulateTool.Failure) -> ContextValue {
        switch node.kind {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        default: throw PolicySimulateTool.Failure(description: "context key `\(key)` has a value of type \(node.typeName)")
        }
    }
}
