import IAMPolicy
package import IAMPolicyAnalysis
import IAMPolicyCatalog

/// `warden policy summary FILE-or-ARN... [--json] [--actions]`: what the policies allow and deny, per
/// service, like the IAM console's policy summary.
package enum PolicySummaryTool {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package static func run(_ sources: [PolicySource], json: Bool, actions: Bool) throws(Failure) -> String {
        let summary = try summarize(sources)
        return json ? summary.json(actions: actions) : summary.table(actions: actions)
    }

    /// Parses every source and summarizes them together against the bundled action catalog.
    package static func summarize(_ sources: [PolicySource]) throws(Failure) -> PolicySummary {
        var documents: [(name: String, document: PolicyDocument)] = []
        for source in sources {
            do {
                documents.append((source.name, try PolicyParser.parse(source.text)))
            } catch {
                throw Failure(description: "\(source.name):\(error.location): \(error.detail)")
            }
        }
        let catalog: ActionCatalog
        do {
            catalog = try ActionCatalog.shared()
        } catch {
            throw Failure(description: error.description)
        }
        return PolicySummary.summarize(documents, catalog: catalog)
    }
}
