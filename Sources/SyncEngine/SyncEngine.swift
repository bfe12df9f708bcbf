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

    /// Starts a run in the background. Returns false, and starts nothing, when a sync is already
    /// running: in this engine, or in another process holding the cache's sync lock (then a
    /// `.failed(.alreadyRunning)` event says which process).
    public func start(kind: SyncKind) -> Bool {
        guard current == nil else { return false }
        switch launch(kind) {
        case .success: return true
        case .failure: return false
        }
    }

    /// Runs a sync to completion (or joins the one already running) and returns how it ended.
    public func run(kind: SyncKind) async -> SyncOutcome {
        if let current { return await current.value }
        switch launch(kind) {
        case .success(let task): return await task.value
        case .failure(let failure): return .failure(failure)
        }
    }

    /// Whether a run is in progress in this engine.
    public var isRunning: Bool { current != nil }

    /// Cancels the running sync; it stops at the next call or page, everything written is kept.
    public func cancel() {
        current?.cancel()
    }

    /// Takes the lock, then starts the run's task.
    private func launch(_ kind: SyncKind) -> Result<Task<SyncOutcome, Never>, SyncFailure> {
        let lock: SyncLock?
        do {
            lock = try configuration.lockFilePath.map { path throws(SyncFailure) in try SyncLock.acquire(path: path) }
        } catch {
            continuation.yield(.failed(error))
            return .failure(error)
        }
        let operation = SyncOperation(
            source: source, database: database, configuration: configuration, clock: clock, logger: logger,
            emit: { [continuation] event in continuation.yield(event) })
        let task = Task {
            // The lock lives exactly as long as the run; the kernel drops it if the process dies.
            defer { lock?.release() }
            return await operation.perform(requested: kind)
        }
        current = task
        Task { [weak self] in
            _ = await task.value
            await self?.ended(task)
        }
        return .success(task)
    }

    private func ended(_ task: Task<SyncOutcome, Never>) {
        if current == task { current = nil }
    }
}
