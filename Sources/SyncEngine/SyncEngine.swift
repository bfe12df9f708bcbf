import DealdeckCache
import DealdeckCore
import Foundation
import Logging

/// How a run ended: the logged run, or why it stopped.
public typealias SyncOutcome = Result<SyncRun, SyncFailure>

/// Fills the cache from an `OpportunitySource`, one run at a time, and reports progress.
///
/// The TUI calls `start(kind:)` and watches `events`; the CLI awaits `run(kind:)`. A run takes
/// the cache's sync lock (another process syncing the same cache makes it fail with
/// `.alreadyRunning`), records itself in the sync log, and resumes any run a crash interrupted.
/// The engine knows no HTTP: the source is injected, and so is the clock.
public actor SyncEngine {
    /// Progress and outcomes of every run, for one observer (the TUI's status bar or the CLI).
    /// Keeps the newest 256 events when nobody is reading.
    public nonisolated let events: AsyncStream<SyncEvent>

    private let continuation: AsyncStream<SyncEvent>.Continuation
    private let source: any OpportunitySource
    private let database: AppDatabase
    private let configuration: SyncConfiguration
    private let clock: any SyncClock
    private let logger: Logger
    private var current: Task<SyncOutcome, Never>?

    public init(
        source: any OpportunitySource, database: AppDatabase, configuration: SyncConfiguration = SyncConfiguration(),
        clock: any SyncClock = SystemSyncClock(), logger: Logger = Logger(label: "dealdeck.sync")
    ) {
        self.source = source
        self.database = database
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(of: SyncEvent.self, bufferingPolicy: .bufferingNewest(256))
    }

    deinit { continuation.finish() }

    /// Starts a run in the background. Returns false, and starts nothing, when this engine is
    /// already running one (another process holding the lock shows up as a `.failed` event).
    public func start(kind: SyncKind) -> Bool {
        guard current == nil else { return false }
        _ = launch(kind)
        return true
    }

    /// Runs a sync to completion (or joins the one already running) and returns how it ended.
    public func run(kind: SyncKind) async -> SyncOutcome {
        let task = current ?? launch(kind)
        return await task.value
    }

    /// Whether a run is in progress in this engine.
    public var isRunning: Bool { current != nil }

    /// Cancels the running sync; it stops at the next call or page, everything written is kept.
    public func cancel() {
        current?.cancel()
    }

    private func launch(_ kind: SyncKind) -> Task<SyncOutcome, Never> {
        let operation = SyncOperation(
            source: source, database: database, configuration: configuration, clock: clock, logger: logger,
            emit: { [continuation] event in continuation.yield(event) })
        let task = Task { await operation.perform(requested: kind) }
        current = task
        Task { [weak self] in
            _ = await task.value
            await self?.ended(task)
        }
        return task
    }

    private func ended(_ task: Task<SyncOutcome, Never>) {
        if current == task { current = nil }
    }
}
