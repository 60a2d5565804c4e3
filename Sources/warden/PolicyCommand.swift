import ArgumentParser

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Validate and simulate IAM policy documents.",
        subcommands: [PolicyValidateCommand.self, PolicySimulateCommand.self, PolicySummaryCommand.self])
}
