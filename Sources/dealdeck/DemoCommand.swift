import ArgumentParser
import DealdeckApp
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import Logging
import SalesforceEmulator

/// `dealdeck demo`: Dealdeck end to end without a Salesforce org. Starts the emulator in this
/// process with a seeded org, makes a throwaway home with an admin, signs in and syncs exactly as
/// a user would (`dealdeck login`, `dealdeck sync`, run as child processes), then opens the UI
/// with keyboard sync against the emulator. Quitting stops the emulator and deletes the home
/// unless `--keep`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Dealdeck against a built-in Salesforce emulator: sign in, sync, and browse a seeded org."
    )

    @Option(help: "Opportunities in the seeded org.") var opportunities = 2000
    @Option(help: "Seed of the org generator (the same seed gives the same org).") var seed: UInt64 = 1
    @Flag(help: "Keep the throwaway home (its path is printed) instead of deleting it on quit.") var keep = false
    @Option(help: "Theme name or .toml file.") var theme: String?
    @Flag(inversion: .prefixedNo, help: "Mouse: click to select, wheel to scroll.") var mouse: Bool?

    func validate() throws {
        guard (1...2_000_000).contains(opportunities) else { throw ValidationError("--opportunities must be between 1 and 2,000,000.") }
    }

    func run() async throws {
        try await reportingErrors {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-demo-\(UUID().uuidString.prefix(8))").path
            var configuration = EmulatorConfiguration()
            configuration.opportunities = opportunities
            configuration.seed = seed
            Terminal.printNote("Starting the Salesforce emulator with \(opportunities) opportunities…")
            // The emulator logs nowhere: the terminal belongs to the UI.
            let emulator = try await SalesforceEmulator.start(configuration, logger: Logger(label: "demo-emulator") { _ in SwiftLogNoOpLogHandler() })
            do {
                try await runDemo(home: home, emulator: emulator)
            } catch {
                await finish(home: home, emulator: emulator)
                throw error
            }
            await finish(home: home, emulator: emulator)
        }
    }

    private func runDemo(home: String, emulator: RunningEmulator) async throws {
        let credentials = emulator.credentials
        let admin = emulator.services.identity.apiUser
        Terminal.printNote("Emulator at \(emulator.urls.url); throwaway home \(home)")
        try await step(["users", "add", "demo", "--admin", "--display-name", "Demo Admin", "--salesforce-user-id", admin.id.rawValue], home: home)
        Terminal.printNote("Signing in as \(credentials.username) (username-password flow)…")
        try await step(
            ["login", "--method", "password", "--login-url", emulator.urls.loginURL, "--consumer-key", credentials.consumerKey, "--username", credentials.username],
            home: home,
            environment: [
                "DEALDECK_CONSUMER_SECRET": credentials.consumerSecret, "DEALDECK_PASSWORD": credentials.password,
                "DEALDECK_SECURITY_TOKEN": credentials.securityToken,
            ])
        Terminal.printNote("Syncing…")
        try await step(["sync"], home: home)

        let context = try CLIContext.open(GlobalOptions.parse(["--home", home]))
        guard let user = try context.database.user(named: "demo") else { throw CLIError("The demo user was not created.") }
        var environment = ProcessInfo.processInfo.environment
        environment["DEALDECK_HOME"] = home
        let launch = TUILaunch(context: context, user: user, theme: theme, mouse: mouse, allTab: true, filter: "", sort: .default, environment: environment)
        try await launch.run()
    }

    /// Runs `dealdeck ARGS` against the demo home with the terminal attached, as a user would.
    private func step(_ arguments: [String], home: String, environment extra: [String: String] = [:]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = arguments + ["--home", home]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DEALDECK_") }
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        try process.run()
        let status = await process.terminationStatusWhenDone()
        guard status == 0 else {
            throw CLIError("`dealdeck \(arguments.prefix(2).joined(separator: " "))` failed in the demo (exit \(status)); see the message above.", exitCode: status)
        }
    }

    private func finish(home: String, emulator: RunningEmulator) async {
        await emulator.stop()
        if keep {
            Terminal.printNote("The demo home is kept at \(home); browse it again with `dealdeck --home \(home)`.")
        } else {
            await removeHome(home)
        }
    }

    /// Deletes the throwaway home. The UI's last database connections may still be closing
    /// (SQLite removes its -wal and -shm files as it does), which can make one attempt fail
    /// with a directory that is not empty yet; a few more attempts settle it.
    private func removeHome(_ home: String) async {
        var lastError: (any Error)?
        for attempt in 0..<20 {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(100)) }
            do {
                try FileManager.default.removeItem(atPath: home)
                return
            } catch {
                if !FileManager.default.fileExists(atPath: home) { return }
                lastError = error
            }
        }
        Terminal.printError("The demo home \(home) could not be deleted (\(lastError.map { "\($0)" } ?? "unknown error")); delete it yourself.")
    }
}
