package import IAMPolicy

/// `warden policy simulate --policy FILE... [--boundary FILE] --action A --resource R
/// [--context key=value...] [--principal ARN]`.
package enum PolicySimulateTool {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package static func compile(_ source: PolicySource) throws(Failure) -> CompiledPolicy {
        do {
            return try CompiledPolicy(name: source.name, text: source.text)
        } catch {
            throw Failure(description: "\(source.name):\(error.location): \(error.detail)")
        }
    }

    /// `key=value` pairs; a key given more than once becomes multi-valued.
    package static func context(_ pairs: [String]) throws(Failure) -> RequestContext {
        var grouped: [(key: String, values: [String])] = []
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw Failure(description: "context `\(pair)` is not of the form key=value")
            }
            let key = String(pair[..<eq])
            let value = String(pair[pair.index(after: eq)...])
            if let i = grouped.firstIndex(where: { $0.key.lowercased() == key.lowercased() }) {
                grouped[i].values.append(value)
            } else {
                grouped.append((key, [value]))
            }
        }
        var context = RequestContext()
        for (key, values) in grouped {
            if values.count == 1 { context.set(key, .string(values[0])) } else { context.set(key, values: values.map(ContextValue.string)) }
        }
        return context
    }

    package static func run(
        policies: [PolicySource], boundary: PolicySource?, resourcePolicy: PolicySource?, action: String,
        resource: String, context pairs: [String], principal: String?
    ) throws(Failure) -> String {
        var compiled: [CompiledPolicy] = []
        for source in policies { compiled.append(try compile(source)) }
        let set = PolicySet(identity: compiled, boundary: try boundary.map(compile), resource: try resourcePolicy.map(compile))
        var context = try context(pairs)
        let who = principal.map(SimulatedPrincipal.parse)
            ?? .user(context.values("aws:username")?.first?.text ?? "simulated-user")
        SimulatedPrincipal.addImpliedKeys(who, to: &context)
        let request = AuthorizationRequest(principal: who, action: action, resource: resource, context: context)
        let explanation = PolicyEvaluator.explain(request, set)
        var lines = ["principal: \(who.arn)", "action: \(action)", "resource: \(resource)"]
        lines += explanation.lines
        return lines.joined(separator: "\n")
    }
}
