import Foundation
import IAMPolicy
package import IAMPolicyCatalog

/// Where a policy comes from on the command line: a file, or an AWS managed policy by name or ARN.
package struct PolicySource: Sendable {
    package var name: String
    package var text: String
    /// An AWS managed policy from the catalog (AWS's customer size quotas do not apply to it).
    package var isAWSManaged = false

    package enum LoadError: Error, CustomStringConvertible {
        case notFound(String)
        case unreadable(String)
        case catalog(ManagedPolicyCatalog.LoadError)

        package var description: String {
            switch self {
            case .notFound(let s): "`\(s)` is neither a readable file nor an AWS managed policy name or ARN"
            case .unreadable(let s): "cannot read `\(s)` as UTF-8 text"
            case .catalog(let e): e.description
            }
        }
    }

    package init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Reads `argument` as a file if one exists, else looks it up in the managed policy catalog.
    package static func load(_ argument: String) throws(LoadError) -> PolicySource {
        if FileManager.default.fileExists(atPath: argument) {
            guard let data = FileManager.default.contents(atPath: argument),
                  let text = String(data: data, encoding: .utf8) else { throw .unreadable(argument) }
            let name = URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent
            return PolicySource(name: name, text: text)
        }
        let catalog: ManagedPolicyCatalog
        do {
            catalog = try ManagedPolicyCatalog.shared()
        } catch {
            if argument.hasPrefix("arn:aws:iam::aws:policy/") { throw .catalog(error) }
            throw .notFound(argument)
        }
        guard let policy = catalog.policy(argument) else { throw .notFound(argument) }
        var source = PolicySource(name: policy.name, text: policy.document)
        source.isAWSManaged = true
        return source
    }
}
