import ArgumentParser
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import SyncEngine

/// `dealdeck sync`: brings the cache up to date with Salesforce, and `dealdeck sync log`.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Update the cache from Salesforce (incremental; --full re-reads everything), or show the sync log.",
        discussion: """
            A sync resumes where an interrupted one stopped, checks its result against Salesforce's \
            count, and stops before using more than sync.max_api_share of the org's daily API limit. \
            One sync runs at a time per cache. Exit codes: 0 success, 1 error, 3 sign-in needed, \
            4 rate limited, 5 network failure, 6 a sync is already running.
            """,
        subcommands: [SyncRunCommand.self, SyncLogCommand.self],
        defaultSubcommand: SyncRunCommand.self
    )
}

/// `dealdeck sync [--full] [--json] [--quiet]`.
struct SyncRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Update the cache from Salesforce (the default of `dealdeck sync`)."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Re-read every opportunity (also tombstones cached records Salesforce no longer has).") var full = false
    @Flag(help: "Print progress and the result as JSON lines.") var json = false
    @Flag(help: "Print nothing but errors (for cron).") var quiet = false

    func validate() throws {
        if json && quiet { throw ValidationError("Use either --json or --quiet, not both.") }
    }

    func run() async throws {
        try await reportingErrors {
            try await salesforceErrors {
                let context = try CLIContext.open(global)
                let engine = try await LiveSync.engine(for: context)
                let output = SyncOutput(mode: json ? .json : quiet ? .quiet : SyncOutput.stdoutIsTerminal ? .bar : .lines)
                // The printer returns at the run's last event (finished or failed).
                let printer = Task { await output.follow(engine.events) }
                let outcome = await engine.run(kind: full ? .full : .incremental)
                _ = await printer.value
                if case .failure(let failure) = outcome {
                    if !json { Terminal.printError(failure.description) }
                    throw ExitCode(ExitCodes.code(for: failure.reason))
                }
            }
        }
    }
}

/// `dealdeck sync log [--json]`.
struct SyncLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show recent syncs: when, what changed, verification, API calls and errors."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON: an array of runs, newest first.") var json = false
    @Option(help: "How many runs to show (default 20).") var limit = 20

    func run() async throws {
        try await reportingErrors {
            let context = try CLIContext.open(global)
            let runs = try context.database.syncRuns(limit: max(1, limit))
            if json {
                try Terminal.printJSON(runs.map(SyncRunJSON.init))
                return
            }
            guard !runs.isEmpty else {
                Terminal.printNote("No sync has run yet. Run `dealdeck sync`.")
                return
            }
            let rows = runs.map { run -> [String] in
                [
                    SyncText.localTime(run.startedAt), run.kind.rawValue, run.endedAt.map { SyncText.duration($0.timeIntervalSince(run.startedAt)) } ?? "—",
                    String(run.counts.new), String(run.counts.updated), String(run.counts.deleted), String(run.counts.undeleted),
                    run.verification.map { $0.isVerified ? "\($0.cachedCount)/\($0.remoteCount)" + ($0.repaired ? " repaired" : "") : "\($0.cachedCount)≠\($0.remoteCount)" } ?? "—",
                    String(run.apiCallsUsed), SyncText.result(run),
                ]
            }
            Terminal.printTable(
                headers: ["STARTED", "KIND", "TOOK", "NEW", "UPDATED", "DELETED", "UNDELETED", "VERIFIED", "CALLS", "RESULT"], rows: rows,
                rightAligned: [2, 3, 4, 5, 6, 8])
        }
    }
}

extension ExitCodes {
    /// The documented exit code for a stopped sync.
    static func code(for reason: SyncFailure.Reason) -> Int32 {
        switch reason {
        case .signInNeeded: return signInNeeded
        case .rateLimited: return rateLimited
        case .network: return network
        case .alreadyRunning: return syncRunning
        case .cancelled, .other: return failure
        }
    }
}
