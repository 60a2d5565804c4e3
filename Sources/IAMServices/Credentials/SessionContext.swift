import Foundation
import IAMModel

/// The part of a session that is stored as JSON beside its credentials: session policies, tags,
/// transitive tag keys, source identity.
struct SessionContext: Codable, Sendable {
    var policies: [String] = []
    var policyArns: [String] = []
    var tags: [[String]] = []
    var transitiveTagKeys: [String] = []
    var sourceIdentity: String?

    init(_ identity: SessionIdentity) {
        policies = identity.policyDocuments
        policyArns = identity.policyARNs
        tags = identity.tags.map { [$0.key, $0.value] }
        transitiveTagKeys = identity.transitiveTagKeys
        sourceIdentity = identity.sourceIdentity
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func read(_ text: String?) -> SessionContext? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(SessionContext.self, from: Data(text.utf8))
    }

    func apply(to identity: inout SessionIdentity) {
        identity.policyDocuments = policies
        identity.policyARNs = policyArns
        identity.tags = tags.compactMap { $0.count == 2 ? IAMTag(key: $0[0], value: $0[1]) : nil }
        identity.transitiveTagKeys = transitiveTagKeys
        identity.sourceIdentity = sourceIdentity
    }
}
