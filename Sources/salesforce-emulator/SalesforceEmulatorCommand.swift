import ArgumentParser
import DealdeckCore
import Dispatch
import Foundation
import Logging
import SalesforceEmulator

/// `salesforce-emulator`: serves a seeded Salesforce org on loopback until SIGTERM or SIGINT.
///
/// Prints exactly one JSON line on stdout when ready (URLs and credentials, see
/// `RunningEmulator.readyLine`); everything else goes to stderr. On a signal it saves the
/// state file (with `--state-file`) and exits 0.
@main
struct SalesforceEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce-emulator",
        abstract: "Serve an emulated Salesforce org (OAuth, REST, Bulk API 2.0) on loopback for tests and demos."
    )

    @Option(help: "Port to listen on; 0 picks a free one (see the ready line).")
    var port: Int = 0

    @Option(help: "Address to bind. The control surface only answers loopback clients.")
    var host: String = "127.0.0.1"

    @Option(help: "How many opportunities the seeded org has.")
    var opportunities: Int = 2000

    @Option(help: "Seed for the generated org: the same seed gives the same org.")
    var seed: UInt64 = 1

    @Flag(help: "Enable multi-currency (adds CurrencyIsoCode).")
    var multiCurrency = false

    @Option(name: .customLong("session-timeout"), help: "Seconds an access token stays valid.")
    var sessionTimeout: Int = 7200

    @Flag(help: "Rotate refresh tokens on every refresh (Refresh Token Rotation).")
    var rotateRefreshTokens = false

    @Option(help: "Keep the org in this JSON file across restarts (loaded at start, saved on writes and at exit).")
    var stateFile: String?

    @Option(name: .customLong("daily-api-limit"), help: "The org's daily API request limit.")
    var dailyAPILimit: Int = 100_000

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (0 picks a free port).") }
        guard (0...5_000_000).contains(opportunities) else { throw ValidationError("--opportunities must be between 0 and 5000000.") }
        guard sessionTimeout > 0 else { throw ValidationError("--session-timeout must be a positive number of seconds.") }
        guard dailyAPILimit >= 0 else { throw ValidationError("--daily-api-limit must not be negative.") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        var configuration = EmulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.opportunities = opportunities
        configuration.seed = seed
        configuration.multiCurrency = multiCurrency
        configuration.sessionTimeoutSeconds = sessionTimeout
        configuration.rotateRefreshTokens = rotateRefreshTokens
        configuration.stateFile = stateFile
        configuration.dailyAPILimit = dailyAPILimit

        // Signals are routed to a stream before the server starts, so one arriving during a
        // long org generation still stops the emulator cleanly.
        let signals = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { signals.continuation.yield(number) }
            source.resume()
            sources.append(source)
        }

        let emulator = try await SalesforceEmulator.start(configuration)
        StandardStream.output.write(emulator.readyLine + "\n")
        for await _ in signals.stream { break }
        await emulator.stop()
        sources.forEach { $0.cancel() }
    }

    /// Parses and runs, printing a bad-argument error as one line on stderr (exit 64) rather
    /// than ArgumentParser's multi-line usage block.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            StandardStream.error.write("salesforce-emulator: \(message)\n")
            Foundation.exit(code == .validationFailure ? 64 : 1)
        }
    }
}
