import ArgumentParser
import Foundation
import IAMPolicyTool

struct PolicySimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Evaluate a request against policies and print the decision and what decided it.",
        discussion: """
            Single request: --policy FILE... [--boundary FILE] --action A --resource R [--context key=value...]
            Batch: --batch REQUESTS.jsonl --policy-set POLICIES.json (one JSON decision per input line).
            FILE may also be an AWS managed policy name or ARN.
            """)

    @Option(name: .customLong("policy"), parsing: .upToNextOption, help: "Identity policies (files, names or ARNs).")
    var policies: [String] = []

    @Option(help: "A permissions boundary policy.")
    var boundary: String?

    @Option(name: .customLong("resource-policy"), help: "A resource-based policy.")
    var resourcePolicy: String?

    @Option(help: "The action, e.g. ec2:DescribeInstances.")
    var action: String?

    @Option(help: "The resource ARN, or * (default).")
    var resource: String = "*"

    @Option(name: .customLong("context"), parsing: .upToNextOption, help: "Condition keys as key=value; repeat a key for several values.")
    var context: [String] = []

    @Option(help: "The caller's ARN (default: an IAM user named by aws:username).")
    var principal: String?

    @Option(help: "A JSON-lines file of requests (- for standard input).")
    var batch: String?

    @Option(name: .customLong("policy-set"), help: "With --batch: a JSON object mapping policy names to documents.")
    var policySet: String?

    func validate() throws {
        if batch != nil {
            guard policySet != nil else { throw ValidationError("--batch needs --policy-set") }
        } else {
            guard !policies.isEmpty else { throw ValidationError("give at least one --policy (or --batch)") }
            guard action != nil else { throw ValidationError("--action is required") }
        }
    }

    func run() throws {
        if let batch, let policySet {
            try BatchCommandRunner.run(batch: batch, policySet: policySet)
            return
        }
        do {
            let sources = try policies.map(PolicySource.load)
            let output = try PolicySimulateTool.run(
                policies: sources, boundary: try boundary.map(PolicySource.load),
                resourcePolicy: try resourcePolicy.map(PolicySource.load), action: action ?? "",
                resource: resource, context: context, principal: principal)
            print(output)
        } catch let error as PolicySource.LoadError {
            throw ValidationError(error.description)
        } catch let error as PolicySimulateTool.Failure {
            throw ValidationError(error.description)
        }
    }
}
