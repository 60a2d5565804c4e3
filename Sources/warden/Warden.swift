import ArgumentParser

@main
struct Warden: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warden",
        abstract: "An AWS IAM and STS compatible identity server.",
        subcommands: [ServeCommand.self, RootPasswordCommand.self, AuditCommand.self, MigrateCommand.self, BackupCommand.self,
                      RestoreCommand.self, PolicyCommand.self, BenchCommand.self])
}
