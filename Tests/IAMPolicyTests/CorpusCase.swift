import Foundation
import IAMPolicy
import IAMPolicyCatalog
import Testing

/// One file of `Corpus/`: policies, a request and the expected decision (see Corpus/README.md).
struct CorpusCase: Sendable, CustomTestStringConvertible {
    let file: String
    let description: String
    let provenance: String
    let policies: PolicySet
    let request: AuthorizationRequest
    let expectedDecision: String
    let expectedDecidedBy: String?
    let expectedDeniedBy: String?

    var testDescription: String { file }

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static let directory: URL? = Bundle.module.url(forResource: "Corpus", withExtension: nil)

    /// A case file as a test argument: loaded, or the reason it could not be.
    struct Entry: Sendable, CustomTestStringConvertible {
        let file: String
        let loaded: Result<CorpusCase, LoadError>
        var testDescription: String { file }
    }

    /// Every case file, sorted by path. A file that fails to load becomes a failing case.
    static func all() -> [Entry] {
        guard let directory else {
            return [Entry(file: "Corpus", loaded: .failure(LoadError(description: "Corpus directory missing from test bundle")))]
        }
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "json" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }.map { url in
            let name = url.path.replacingOccurrences(of: directory.path + "/", with: "")
            do {
                return Entry(file: name, loaded: .success(try load(url, name: name)))
            } catch let error as LoadError {
                return Entry(file: name, loaded: .failure(LoadError(description: "\(name): \(error.description)")))
            } catch {
                return Entry(file: name, loaded: .failure(LoadError(description: "\(name): \(error)")))
            }
        }
    }

    static func load(_ url: URL, name: String) throws -> CorpusCase {
        let text = try String(contentsOf: url, encoding: .utf8)
        let root = try JSONParser.parse(text)
        let policies = root["policies"]
        let identity = try (policies?["identity"]?.arrayValue ?? []).map(policy)
        let boundary = try policies?["boundary"].flatMap(nonNull).map(policy)
        let resource = try policies?["resource"].flatMap(nonNull).map(policy)
        let session = try policies?["session"].flatMap(nonNull)?.arrayValue.map { try $0.map(policy) }
        guard let request = root["request"], let action = request["action"]?.stringValue,
              let resourceARN = request["resource"]?.stringValue else { throw LoadError(description: "request lacks action/resource") }
        let context = try contextValues(request["context"])
        let principal = try principalValue(request["principal"])
        guard let expected = root["expected"], let decision = expected["decision"]?.stringValue else {
            throw LoadError(description: "no expected.decision")
        }
        return CorpusCase(
            file: name, description: root["description"]?.stringValue ?? "",
            provenance: root["provenance"]?.stringValue ?? "",
            policies: PolicySet(identity: identity, boundary: boundary, resource: resource, session: session),
            request: AuthorizationRequest(principal: principal, action: action, resource: resourceARN, context: context),
            expectedDecision: decision, expectedDecidedBy: expected["decided_by"]?.stringValue,
            expectedDeniedBy: expected["denied_by"]?.stringValue)
    }

    private static func nonNull(_ node: JSONNode) -> JSONNode? {
        if case .null = node.kind { return nil }
        return node
    }

    private static func policy(_ node: JSONNode) throws -> CompiledPolicy {
        guard let name = node["name"]?.stringValue else { throw LoadError(description: "policy without name") }
        if let arn = node["managed"]?.stringValue {
            guard let managed = try ManagedPolicyCatalog.shared().policy(arn) else {
                throw LoadError(description: "unknown managed policy \(arn)")
            }
            return try CompiledPolicy(name: name, text: managed.document)
        }
        if let text = node["document_text"]?.stringValue { return try CompiledPolicy(name: name, text: text) }
        guard let document = node["document"] else { throw LoadError(description: "policy \(name) has no document") }
        return try CompiledPolicy(name: name, text: JSONRender.render(document))
    }

    private static func contextValues(_ node: JSONNode?) throws -> RequestContext {
        var context = RequestContext()
        for member in node?.objectValue ?? [] {
            if let elements = member.value.arrayValue {
                context.set(member.key, values: try elements.map(contextValue))
            } else {
                context.set(member.key, try contextValue(member.value))
            }
        }
        return context
    }

    private static func contextValue(_ node: JSONNode) throws -> ContextValue {
        switch node.kind {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        default: throw LoadError(description: "context value of type \(node.typeName)")
        }
    }

    private static func principalValue(_ node: JSONNode?) throws -> Principal {
        guard let node else { return .user("alice") }
        guard let type = node["type"]?.stringValue, let kind = Principal.Kind(rawValue: type),
              let arn = node["arn"]?.stringValue else { throw LoadError(description: "principal needs type and arn") }
        let account = node["account"]?.stringValue ?? "123456789012"
        return Principal(kind: kind, arn: arn, accountID: account, roleARN: node["role_arn"]?.stringValue,
                         service: node["service"]?.stringValue, userID: node["userid"]?.stringValue)
    }
}
