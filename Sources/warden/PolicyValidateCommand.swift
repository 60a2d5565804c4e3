import ArgumentParser
import IAMPolicy
import IAMPolicyTool

struct PolicyValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a policy's grammar, size and content; exit 1 on any ERROR.",
        discussion: "FILE may also be an AWS managed policy name or ARN.")

    @Argument(help: "A policy document file, or an AWS managed policy name or ARN.")
    var file: String

    @Option(help: "The kind of policy: identity, resource, trust, boundary or session.")
    var type: String = PolicyType.identity.rawValue

    @Flag(help: "Print the findings as JSON.")
    var json = false

    func validate() throws {
        guard PolicyType(rawValue: type) != nil else {
            throw ValidationError("--type must be one of: " + PolicyType.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        let type = PolicyType(rawValue: type) ?? .identity
        let source: PolicySource
        do {
            source = try PolicySource.load(file)
        } catch {
            throw ValidationError(error.description)
        }
        let (output, failed) = PolicyValidateTool.run(source, type: type, json: json)
        print(output)
        if failed { throw ExitCode(1) }
    }
}
