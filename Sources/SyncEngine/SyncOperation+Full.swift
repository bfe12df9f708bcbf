import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// A full sync: every record, then live cached rows the run did not see become tombstones.
    ///
    /// 1. One round trip: describe, COUNT() and Get Deleted (which tells Salesforce's time).
    /// 2. Quota estimate; then the Bulk API above the threshold, REST `queryAll` otherwise, each
    ///    page written with its checkpoint.
    /// 3. Tombstones for rows stamped before the run's start (kept in the checkpoint, so a
    ///    resumed run still knows which rows the original one wrote); none when the cache was
    ///    empty at the start.
    /// 4. Verification, repaired by a catch-up pass and then an ID sweep if needed.
    func runFull(resuming saved: SyncCheckpoint?, state: SyncState) async throws {
        var remoteCount: Task<Int, any Error>?
        defer { remoteCount?.cancel() }
        if let saved {
            checkpoint = saved
            run.startedAt = min(run.startedAt, saved.runStart)
            try await loadSelectList()
        } else {
            try await startFull()
        }
        // A full sync writes the whole table: the log is copied meanwhile, not in the writer's
        // commits (stopping waits at most one copy). An initial load's copying waits until the
        // log is large: a small one is copied beside the index builds (see
        // `AppDatabase.initialLoadUncopiedLogBytes`; 100,000 rows: the download 0.04–0.07 s shorter).
        let checkpointer = database.startBackgroundCheckpoints(
            aboveLogBytes: checkpoint.deferredIndexes ? AppDatabase.initialLoadUncopiedLogBytes : 0)
        defer { checkpointer?.stop() }
        try await recordOrganization()

        if checkpoint.stage == .download {
            if checkpoint.bulk {
                try await downloadBulk()
            } else {
                await report(.downloading)
                try await cursorQuery { [query] cursor in query.fullQuery(after: cursor) }
            }
            if checkpoint.deferredIndexes {
                // Not while the indexes build: each build commits tens of megabytes at once, and
                // copying them beside the next build slowed the builds more than it spared the
                // writer (1,000,000 rows: 15-17 s of index builds without, 19-21 s with). Once the
                // search index's side build is done the copying resumes (`restoreDeferredIndexes`).
                checkpointer?.stop()
                remoteCount = try await restoreIndexesWhileCounting()
            }
            checkpoint.stage = .tombstones
            try await saveCheckpoint()
        }
        // Set already before the index builds' catch-up read, which may have moved it on.
        if remoteCount == nil { watermarkCandidate = fullWatermark }
        // Into an empty cache, every live row was written by this run: nothing to look for
        // (a scan of every row: half a second at 1,000,000).
        if checkpoint.stage == .tombstones, checkpoint.startedEmpty != true {
            try await tombstoneUnseen()
        }
        if checkpoint.stage == .sweepIDs {
            try await sweep(reason: "an interrupted sweep")
        }
        let counted = try await remoteCount?.value
        try await verify(knownRemoteCount: counted, catchUpFirst: counted == nil)
        try await finish(watermark: watermarkCandidate, deletesCheckedUpTo: checkpoint.serverTimeAtStart)
    }

    /// Builds the deferred indexes while Salesforce counts: verification's round trips (the
    /// catch-up read, then `COUNT()`) are the org's work and the index builds are ours, so they
    /// overlap instead of following each other (at 1,000,000 rows the count alone took half a
    /// second of the emulator's time, and a real org's can take longer). The catch-up comes
    /// first, into the unindexed table, so the count sees what it saw. Returns the count, still
    /// running perhaps (the caller cancels it if it leaves before reading it).
    private func restoreIndexesWhileCounting() async throws -> Task<Int, any Error> {
        watermarkCandidate = fullWatermark
        try await catchUp()
        try await ensureQuota(calls: 1)
        let source = self.source
        let counting = Task { try await source.count(SyncQueryBuilder.countQuery) }
        do {
            await report(.indexing)
            logger.info("building the cache's list and search indexes")
            try await rebuildDeferredIndexes()
            checkpoint.deferredIndexes = false
        } catch {
            counting.cancel()
            throw error
        }
        return counting
    }

    /// Builds what an initial load deferred, saying in the log when the full-text index could
    /// not be built beside the list indexes (correct either way, only slower).
    func rebuildDeferredIndexes() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let fullText = try await database.restoreDeferredIndexes()
        logger.info("built the cache's indexes in \(String(format: "%.2f s", (clock.now - start) / .seconds(1)))")
        if case .rebuiltInPlace(let reason) = fullText {
            logger.notice("the search index was rebuilt after the list indexes, not beside them: \(reason)")
        }
    }

    /// Step 1: describe, count and Salesforce's clock in one call; the quota check; the plan.
    private func startFull() async throws {
        await report(.describing)
        let now = nowTimestamp
        let day: Int64 = 86_400_000
        let batch = try await source.batch(SourceBatchRequest(
            describe: true, count: SyncQueryBuilder.countQuery,
            deletedWindow: now.adding(milliseconds: -day)...now.adding(milliseconds: day)))
        guard let schemaResult = batch.schema, let countResult = batch.count else {
            throw SourceError.other(code: "BATCH", message: "The batch answer lacked the describe or the count")
        }
        try adopt(schemaResult.get())
        try await database.saveSyncSelectList(Self.encode(query.fields))
        let total = try countResult.get()
        let serverTime: SalesforceTimestamp?
        switch batch.deletions {
        case .success(let deletions)?: serverTime = deletions.latestDateCovered
        default: serverTime = nil
        }
        let bulk = total > configuration.bulkThreshold
        checkpoint = SyncCheckpoint(
            kind: .full, stage: .download, runStartedAt: Self.milliseconds(run.startedAt), recordsTotal: total,
            serverTimeAtStart: serverTime, bulk: bulk)
        await report(.estimating)
        try await ensureQuota(calls: estimatedFullCalls(total: total, bulk: bulk))
        logger.info("full sync of \(total) opportunities via \(bulk ? "the Bulk API" : "REST paging")")
        let empty = try await database.opportunityRowCount() == 0
        checkpoint.startedEmpty = empty
        if total > configuration.deferIndexesAbove, empty {
            checkpoint.deferredIndexes = true
            try await saveCheckpoint()
            try await database.deferIndexesForInitialLoad()
        }
        try await saveCheckpoint()
    }

    /// Step 3: live rows this run did not write are gone from Salesforce (deleted and purged, or
    /// no longer visible to the user): tombstones, in short transactions.
    private func tombstoneUnseen() async throws {
        let deletedAt = nowTimestamp
        var after: SalesforceID?
        repeat {
            let step = try await database.tombstoneUnsynced(before: checkpoint.runStart, deletedAt: deletedAt, after: after, limit: 2000)
            run.counts.deleted += step.tombstoned
            after = step.last
        } while after != nil
    }

    /// Where the next incremental sync starts: the newest record seen, but for a Bulk job never
    /// after the job's snapshot (rows changed while it ran are not in its results).
    var fullWatermark: SyncCursor? {
        if checkpoint.bulk {
            // A job's rows are its snapshot: none is newer than the job itself, so the newest row
            // seen is a safe watermark (the incremental overlap covers late commits).
            guard let newest = checkpoint.maxSeen ?? checkpoint.bulkJob?.createdDate ?? checkpoint.serverTimeAtStart else { return nil }
            let snapshot = checkpoint.bulkJob?.createdDate ?? newest
            return SyncCursor(systemModstamp: min(newest, snapshot), id: SyncCursor.lowestID)
        }
        if let cursor = checkpoint.cursor { return cursor }
        // An empty org: start the next incremental from Salesforce's clock at the start.
        return checkpoint.serverTimeAtStart.map { SyncCursor(systemModstamp: $0, id: SyncCursor.lowestID) }
    }
}
