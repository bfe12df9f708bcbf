import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// An incremental sync: what changed since the watermark, minus an overlap window.
    ///
    /// The first round trip is one Composite Batch holding the delta query's first page, the
    /// verification COUNT() and a Get Deleted window, so when nothing changed the whole sync is
    /// one API call. Records in the recycle bin arrive with IsDeleted and become tombstones;
    /// records that come back are undeleted (memberships are kept by ID, so they return too).
    /// When deletes may have been lost for good (the last sync is older than the recycle bin's
    /// 15 days, or Salesforce purged deletions newer than the last check), an ID sweep follows.
    func runIncremental(resuming saved: SyncCheckpoint?, state: SyncState) async throws {
        try await loadSelectList()
        try await recordOrganization()
        let overlap = Int64(configuration.overlapSeconds * 1000)
        let stored = state.watermark.map { SyncCursor(systemModstamp: $0.systemModstamp, id: $0.id) }
        let since = saved?.since ?? stored.map { $0.systemModstamp.adding(milliseconds: -overlap) } ?? SalesforceTimestamp(millisecondsSinceEpoch: 0)
        checkpoint = saved ?? SyncCheckpoint(kind: .incremental, stage: .download, runStartedAt: Self.milliseconds(run.startedAt), since: since)
        checkpoint.since = since

        var remoteCount: Int?
        var catchUp = false
        var deletions: Result<SourceDeletions, SourceError>?
        let checkStart = deleteCheckStart(state)
        if checkpoint.stage == .download {
            await report(.downloading)
            try await ensureQuota(calls: 1)
            let end = max(nowTimestamp, checkStart).adding(milliseconds: 86_400_000)
            let batch = try await source.batch(SourceBatchRequest(
                query: query.incrementalQuery(since: since, after: checkpoint.cursor), includeDeleted: true,
                count: SyncQueryBuilder.countQuery, deletedWindow: checkStart...end))
            deletions = batch.deletions
            var first: SourcePage?
            switch batch.page {
            case .success(let page)?:
                first = page
            case .failure(let error)? where error.restartsQuery:
                first = nil
            case .failure(let error)? where error.isInvalidField:
                try await recoverFromInvalidField(error)
            case .failure(let error)?:
                throw error
            case nil:
                throw SourceError.other(code: "BATCH", message: "The batch answer lacked the query")
            }
            if let first {
                // The count was taken together with the query's snapshot, so it stays valid for
                // comparison however many pages follow, unless the query has to restart.
                remoteCount = try? batch.count?.get()
                let pages = (first.totalSize + configuration.batchSize - 1) / configuration.batchSize
                try await ensureQuota(calls: max(0, pages - 1))
            }
            let restartsBefore = restarts
            let pagesBefore = progress.pages
            try await cursorQuery(first: first) { [query] cursor in query.incrementalQuery(since: since, after: cursor) }
            if restarts != restartsBefore { remoteCount = nil }
            // Several pages take time: records may have changed behind the cursor meanwhile.
            catchUp = progress.pages - pagesBefore > 1 || remoteCount == nil
        } else {
            catchUp = true
        }
        if let cursor = checkpoint.cursor { watermarkCandidate = cursor }

        let check = try await applyDeletions(deletions, checkStart: checkStart, state: state)
        if let reason = check.sweepReason ?? (checkpoint.stage == .sweepIDs ? "an interrupted sweep" : nil) {
            try await sweep(reason: reason)
            remoteCount = nil
        }
        try await verify(knownRemoteCount: catchUp ? nil : remoteCount, catchUpFirst: catchUp)
        try await finish(watermark: watermarkCandidate, deletesCheckedUpTo: check.checkedUpTo)
    }

    /// Where the Get Deleted window starts: the end of the last one (Salesforce's own clock), or
    /// a day before now when unknown (its IDs only repeat what queryAll reports; what matters is
    /// `earliestDateAvailable` and Salesforce's time, which any window returns).
    func deleteCheckStart(_ state: SyncState) -> SalesforceTimestamp {
        state.lastDeletedCheckAt ?? nowTimestamp.adding(milliseconds: -86_400_000)
    }

    /// Applies Get Deleted's answer and decides whether deletes may have been lost.
    /// Returns the new "deletes checked up to" time and why a sweep is needed, if it is.
    func applyDeletions(
        _ deletions: Result<SourceDeletions, SourceError>?, checkStart: SalesforceTimestamp, state: SyncState
    ) async throws -> (checkedUpTo: SalesforceTimestamp?, sweepReason: String?) {
        var checkedUpTo = state.lastDeletedCheckAt
        var reason: String?
        let recycleBin = configuration.recycleBinDays * 86_400
        if let last = state.lastSuccessAt, clock.now().timeIntervalSince1970 - last.secondsSinceEpoch > recycleBin {
            reason = "the last successful sync is older than the \(Int(configuration.recycleBinDays)) days Salesforce keeps deleted records"
        }
        switch deletions {
        case .success(let answer)?:
            await report(.deletes)
            if !answer.ids.isEmpty {
                run.counts.deleted += try await database.applySyncDeletions(answer.ids, at: nowTimestamp, checkpoint: checkpoint.encoded())
            }
            // Deletions newer than the last check were purged: some may never have been seen.
            let lastCheck = state.lastDeletedCheckAt ?? state.lastSuccessAt
            if let earliest = answer.earliestDateAvailable, let lastCheck, earliest > lastCheck {
                reason = reason ?? "Salesforce emptied recycle-bin entries newer than the last sync"
            }
            checkedUpTo = answer.latestDateCovered ?? checkedUpTo
        case .failure(.other(code: "INVALID_REPLICATION_DATE", _))?:
            // Salesforce's own clock says the last check is beyond the recycle bin's reach.
            reason = reason ?? "the last sync is older than the \(Int(configuration.recycleBinDays)) days Salesforce keeps deleted records"
            checkedUpTo = nil
        case .failure(let error)?:
            logger.notice("the delete check failed (\(error)); the count verification still guards deletes")
        case nil:
            break
        }
        return (checkedUpTo, reason)
    }
}
