import Foundation
import IAMPolicy
import IAMPolicyTool
import Testing

/// One golden case of `Golden/findings/`: a policy document (`<name>.json`) and the exact text
/// `warden policy validate` prints for it (`<name>.expected.txt`). The policy type is the one the
/// expected summary line names ("... as a trust policy"). Documents under `managed/` are copies of
/// AWS managed policies, validated as such (no customer size quota).
struct FindingsGolden: CustomTestStringConvertible, Sendable {
    var name: String
    var documentURL: URL
    var expectedURL: URL
    var isAWSManaged: Bool

    var testDescription: String { isAWSManaged ? "managed/\(name)" : name }

    static var folder: URL? {
        Bundle.module.url(forResource: "Golden", withExtension: nil)?.appendingPathComponent("findings")
    }

    /// Every golden case, sorted by name; empty when the folder is missing (a test checks that).
    static func all() -> [FindingsGolden] {
        guard let folder else { return [] }
        return cases(in: folder, managed: false) + cases(in: folder.appendingPathComponent("managed"), managed: true)
    }

    private static func cases(in folder: URL, managed: Bool) -> [FindingsGolden] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { file in
            let name = String(file.dropLast(".json".count))
            return FindingsGolden(name: name, documentURL: folder.appendingPathComponent(file),
                                  expectedURL: folder.appendingPathComponent(name + ".expected.txt"), isAWSManaged: managed)
        }
    }

    func document() throws -> String { try String(contentsOf: documentURL, encoding: .utf8) }

    func expected() throws -> String { try String(contentsOf: expectedURL, encoding: .utf8) }

    /// The policy type named by the expected summary line (`... as an identity policy`).
    func policyType() throws -> PolicyType {
        let summary = try expected().split(separator: "\n").last.map(String.init) ?? ""
        let words = summary.split(separator: " ")
        guard words.count >= 2, words[words.count - 1] == "policy",
              let type = PolicyType(rawValue: String(words[words.count - 2])) else {
            throw GoldenError.noPolicyType(name)
        }
        return type
    }

    /// What `warden policy validate` prints for this document.
    func actual() throws -> (output: String, failed: Bool) {
        var source = PolicySource(name: name, text: try document())
        source.isAWSManaged = isAWSManaged
        return PolicyValidateTool.run(source, type: try policyType(), json: false)
    }

    enum GoldenError: Error { case noPolicyType(String) }
}
