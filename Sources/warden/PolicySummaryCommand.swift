import ArgumentParser
import IAMPolicyTool

struct PolicySummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarize what policies allow and deny per service, like the IAM console's policy summary.",
        discussion: """
            The policies are summarized together, as if attached to one identity. Each row gives a service, its \
            access level (Full access, or Full:/Limited: per access level), its resources and its request \
            conditions; explicit denies, allows and services or actions missing from the action catalog are \
            listed in separate sections. FILE may also be an AWS managed policy name or ARN.
            """)

    @Argument(help: "Policy document files, or AWS managed policy names or ARNs.")
    var files: [String]

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Flag(help: "Also list each service's actions with their access level, resources and conditions.")
    var actions = false

    func run() throws {
        do {
            let sources = try files.map(PolicySource.load)
            print(try PolicySummaryTool.run(sources, json: json, actions: actions))
        } catch let error as PolicySource.LoadError {
            throw ValidationError(error.description)
        } catch let error as PolicySummaryTool.Failure {
            throw ValidationError(error.description)
        }
    }
}
