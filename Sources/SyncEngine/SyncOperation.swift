import DealdeckCache
import DealdeckCore
import Foundation
import Logging

/// One sync run from the lock to the log entry. Created for a run and confined to the task that
/// runs it, so its mutable state needs no locking (it is deliberately not `Sendable`).
///
/// The steps live in extensions by concern: `+Full`, `+Incremental`, `+Paging`, `+Bulk`,
/// `+Sweep`, `+Verify`, `+Quota`, `+Progress`.
final class SyncOperation {
    let source: any OpportunitySource
    let database: AppDatabase
    let configuration: SyncConfiguration
    let clock: any SyncClock
    let logger: Logger
    let emit: @Sendable (SyncEvent) -> Void

    /// The log entry, written at the start and at the end.
    var run: SyncRun
    /// The resume point, saved with every page.
    var checkpoint: SyncCheckpoint
    /// The SELECT list in use.
    var query = SyncQueryBuilder(fields: SyncQueryBuilder.requiredFields)
    /// Whether this run already described Opportunity (INVALID_FIELD re-describes once).
    var described = false
    /// Query restarts so far in this run (after each, a count taken earlier may be stale).
    var restarts = 0
    /// The watermark this run will leave: the newest position it has read up to.
    var watermarkCandidate: SyncCursor?
    /// Calls the source had made when the run began.
    var callsAtStart = 0
    /// Progress as last reported.
    var progress = SyncProgress(phase: .connecting)
    /// The phase record pages are written under: downloading, or the verification's catch-up
    /// pass and the sweep's fetches, which should not look like a second download.
    var pagePhase = SyncPhase.downloading
    /// When the current phase's rate measurement began, and the records done at that moment.
    var rateOrigin: (time: Date, records: Int)

    init(
        source: any OpportunitySource, database: AppDatabase, configuration: SyncConfiguration, clock: any SyncClock,
        logger: Logger, emit: @escaping @Sendable (SyncEvent) -> Void
    ) {
        self.source = source
        self.database = database
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.emit = emit
        let now = clock.now()
        run = SyncRun(startedAt: now, kind: .incremental)
        checkpoint = SyncCheckpoint(kind: .incremental, stage: .download, runStartedAt: Self.milliseconds(now))
        rateOrigin = (now, 0)
    }

    /// Runs the sync (the caller holds the lock): picks full or incremental (resuming an interrupted run
    /// first), records the run, and reports how it ended.
    func perform(requested: SyncKind) async -> SyncOutcome {
        let saved: SyncCheckpoint?
        let state: SyncState
        do {
            try await database.prepareForSync()
            database.removeLeftoverFullTextIndexBuild()
            try await database.closeInterruptedSyncRuns(
                endedAt: run.startedAt, message: "The sync stopped before it finished (the process ended); the next sync resumed it.")
            state = try await database.loadSyncState()
            saved = SyncCheckpoint.decode(state.checkpoint)
            run.kind = Self.kind(requested: requested, saved: saved, state: state)
            // Indexes dropped by an initial load that is not being resumed now are rebuilt first.
            let resumingLoad = run.kind == .full && saved?.kind == .full && saved?.stage == .download && saved?.deferredIndexes == true
            if !resumingLoad, try await database.hasDeferredIndexes() {
                logger.notice("rebuilding cache indexes an interrupted initial load left out")
                try await rebuildDeferredIndexes()
            }
            run.id = try await database.storeSyncRun(run)
        } catch {
            let failure = Self.failure(from: error)
            emit(.failed(failure))
            return .failure(failure)
        }
        emit(.started(run.kind))
        callsAtStart = await source.callsMade()
        let resumable = saved?.kind == run.kind ? saved : nil
        if let resumable { logger.info("resuming an interrupted \(resumable.kind.rawValue) sync at stage \(resumable.stage.rawValue)") }

        do {
            switch run.kind {
            case .full: try await runFull(resuming: resumable, state: state)
            case .incremental: try await runIncremental(resuming: resumable, state: state)
            }
            run.endedAt = clock.now()
            run.apiCallsUsed = await source.callsMade() - callsAtStart
            try await database.storeSyncRun(run)
            logger.info("sync finished: \(Self.summary(run))")
            emit(.finished(run))
            return .success(run)
        } catch {
            let failure = Self.failure(from: error)
            run.endedAt = clock.now()
            run.apiCallsUsed = await source.callsMade() - callsAtStart
            run.error = failure.description
            run.errorCause = failure.cause ?? failure.reason.rawValue
            do {
                try await database.storeSyncRun(run)
            } catch {
                logger.error("could not record the failed sync run: \(error)")
            }
            logger.notice("sync stopped: \(failure.description) [\(failure.cause ?? failure.reason.rawValue)]")
            emit(.failed(failure))
            return .failure(failure)
        }
    }

    /// Full when asked, when nothing was ever synced, or when an interrupted full sync waits to
    /// be finished (an incremental built on half a full load would never tombstone what the full
    /// load missed); incremental otherwise.
    static func kind(requested: SyncKind, saved: SyncCheckpoint?, state: SyncState) -> SyncKind {
        if saved?.kind == .full { return .full }
        if requested == .full || state.watermark == nil { return .full }
        return .incremental
    }

    /// Writes the checkpoint alone (between pages it travels with each page instead).
    func saveCheckpoint() async throws {
        try await database.saveSyncCheckpoint(checkpoint.encoded())
    }

    /// Records the org's identity and instance URL (record links are built from it), once known.
    func recordOrganization() async throws {
        let organization = await source.organization()
        var state = try await database.loadSyncState()
        guard organization.instanceURL != nil || organization.orgId != nil else { return }
        let instanceURL = organization.instanceURL ?? state.instanceURL
        let orgId = organization.orgId ?? state.orgId
        guard instanceURL != state.instanceURL || orgId != state.orgId else { return }
        state.instanceURL = instanceURL
        state.orgId = orgId
        try await database.storeSyncState(state)
    }

    /// Ends a successful run: the new watermark and check times, and no checkpoint.
    func finish(watermark: SyncCursor?, deletesCheckedUpTo: SalesforceTimestamp?) async throws {
        var state = try await database.loadSyncState()
        if let watermark {
            let stored = state.watermark.map { SyncCursor(systemModstamp: $0.systemModstamp, id: $0.id) }
            // Never move the watermark back: a catch-up pass may end before an earlier maximum.
            let next = stored.map { $0.systemModstamp > watermark.systemModstamp ? $0 : watermark } ?? watermark
            state.watermark = SyncWatermark(systemModstamp: next.systemModstamp, id: next.id)
        }
        let now = SalesforceTimestamp(secondsSinceEpoch: clock.now().timeIntervalSince1970)
        if run.kind == .full { state.lastFullSyncAt = SalesforceTimestamp(millisecondsSinceEpoch: checkpoint.runStartedAt) }
        state.lastSuccessAt = now
        state.lastDeletedCheckAt = deletesCheckedUpTo
        state.checkpoint = nil
        let organization = await source.organization()
        state.instanceURL = organization.instanceURL ?? state.instanceURL
        state.orgId = organization.orgId ?? state.orgId
        try await database.storeSyncState(state)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    var nowTimestamp: SalesforceTimestamp {
        SalesforceTimestamp(millisecondsSinceEpoch: Self.milliseconds(clock.now()))
    }

    /// "12 new, 3 updated, 1 deleted, 0 undeleted, verified 2000/2000, 4 API calls".
    static func summary(_ run: SyncRun) -> String {
        let counts = run.counts
        var text = "\(counts.new) new, \(counts.updated) updated, \(counts.deleted) deleted, \(counts.undeleted) undeleted"
        if let verification = run.verification { text += ", " + verification.summary }
        return text + ", \(run.apiCallsUsed) API call\(run.apiCallsUsed == 1 ? "" : "s")"
    }
}
