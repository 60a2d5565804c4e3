import Foundation
public import IAMPolicy

/// The AWS managed policies (`arn:aws:iam::aws:policy/...`), bundled as a JSON resource that
/// `Scripts/generate-managed-policies.py` writes from moto's public dump. Loaded on first use.
public struct ManagedPolicyCatalog: Sendable {
    public enum LoadError: Error, CustomStringConvertible {
        case notFound([String])
        case malformed(String)

        public var description: String {
            switch self {
            case .notFound(let paths):
                "the AWS managed policy catalog was not found (looked in \(paths.joined(separator: ", "))); set WARDEN_MANAGED_POLICIES to its path"
            case .malformed(let why): "the AWS managed policy catalog is malformed: \(why)"
            }
        }
    }

    public let source: String
    public let policies: [ManagedPolicy]
    private let byName: [String: Int]
    private let byARN: [String: Int]

    static let fileName = "aws-managed-policies.json"
    static let bundleName = "warden_IAMPolicyCatalog.resources"

    private static let loaded: Result<ManagedPolicyCatalog, LoadError> = {
        do throws(LoadError) {
            return .success(try load())
        } catch {
            return .failure(error)
        }
    }()

    /// The catalog, loaded once per process.
    public static func shared() throws(LoadError) -> ManagedPolicyCatalog {
        try loaded.get()
    }

    init(source: String, policies: [ManagedPolicy]) {
        self.source = source
        self.policies = policies
        var byName: [String: Int] = [:]
        var byARN: [String: Int] = [:]
        for (i, policy) in policies.enumerated() {
            byName[policy.name] = i
            byARN[policy.arn] = i
        }
        self.byName = byName
        self.byARN = byARN
    }

    /// A policy by ARN (`arn:aws:iam::aws:policy/ReadOnlyAccess`) or by name (`ReadOnlyAccess`).
    public func policy(_ nameOrARN: String) -> ManagedPolicy? {
        if let i = byARN[nameOrARN] ?? byName[nameOrARN] { return policies[i] }
        return nil
    }

    /// The policy parsed and compiled, named by its ARN.
    public func compiled(_ nameOrARN: String) throws(PolicyParseError) -> CompiledPolicy? {
        guard let policy = policy(nameOrARN) else { return nil }
        return try CompiledPolicy(name: policy.name, text: policy.document)
    }

    static func candidatePaths() -> [String] {
        var paths: [String] = []
        if let override = ProcessInfo.processInfo.environment["WARDEN_MANAGED_POLICIES"] { paths.append(override) }
        let mainDirectory = Bundle.main.bundleURL.path
        paths.append("\(mainDirectory)/\(bundleName)/\(fileName)")
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        paths.append("\(executable.deletingLastPathComponent().path)/\(bundleName)/\(fileName)")
        // A build from a checkout: the resource next to this source file.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        paths.append("\(source.path)/Resources/\(fileName)")
        return paths
    }

    static func load() throws(LoadError) -> ManagedPolicyCatalog {
        let paths = candidatePaths()
        guard let path = paths.first(where: { FileManager.default.fileExists(atPath: $0) }),
              let data = FileManager.default.contents(atPath: path) else {
            throw .notFound(paths)
        }
        return try decode(String(decoding: data, as: UTF8.self))
    }

    static func decode(_ text: String) throws(LoadError) -> ManagedPolicyCatalog {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw .malformed("\(error.location): \(error.message)")
        }
        guard let entries = root["policies"]?.arrayValue else { throw .malformed("no `policies` array") }
        var policies: [ManagedPolicy] = []
        policies.reserveCapacity(entries.count)
        for entry in entries {
            guard let name = entry["name"]?.stringValue, let arn = entry["arn"]?.stringValue,
                  let path = entry["path"]?.stringValue, let version = entry["defaultVersionId"]?.stringValue,
                  let created = entry["createDate"]?.stringValue, let updated = entry["updateDate"]?.stringValue,
                  let document = entry["document"]?.stringValue else {
                throw .malformed("an entry lacks a field, at \(entry.location)")
            }
            policies.append(ManagedPolicy(name: name, arn: arn, path: path, defaultVersionID: version,
                                          createDate: created, updateDate: updated, document: document))
        }
        return ManagedPolicyCatalog(source: root["source"]?.stringValue ?? "unknown", policies: policies)
    }
}
