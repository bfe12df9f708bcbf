import ArgumentParser

/// `dealdeck`: the composition root. Parses the command line, builds the live pieces
/// (paths, settings, cache) and runs the chosen command.
@main
struct Dealdeck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dealdeck",
        abstract: "Browse your Salesforce opportunities in the terminal, online or offline.",
        discussion: """
            Exit codes: 0 success, 1 error, 2 bad usage, 3 sign-in needed, 4 rate limited, \
            5 network failure, 6 a sync is already running.
            """,
        version: "0.1.0",
        subcommands: [UsersCommand.self, ListCommand.self, ShowCommand.self, MembersCommand.self, SyncCommand.self, LoginCommand.self, LogoutCommand.self, DoctorCommand.self, TUICommand.self, OpenCommand.self, DemoCommand.self],
        defaultSubcommand: TUICommand.self
    )

    /// ArgumentParser's own entry point, after the allocator is set up.
    static func main() async {
        MallocTuning.limitArenas()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
