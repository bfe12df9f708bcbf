import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// The ID sweep: reconciles the cache with Salesforce when deletes may have been lost (the
    /// recycle bin keeps them 15 days) or the counts disagree.
    ///
    /// Salesforce's live IDs stream page by page into a scratch table in the cache; joins then
    /// find cached rows Salesforce no longer has (tombstones) and rows Salesforce has that the
    /// cache lacks (fetched by `Id IN (…)`). Memory stays at one page, and unlike a merge of two
    /// sorted streams it does not depend on Salesforce ordering IDs the way SQLite does.
    /// Resumable: the collected IDs and the last one are checkpointed with each page.
    func sweep(reason: String) async throws {
        logger.notice("ID sweep: \(reason)")
        await report(.sweeping)
        if checkpoint.stage != .sweepIDs {
            try await database.resetSweep()
            checkpoint.stage = .sweepIDs
            checkpoint.sweepAfter = nil
            try await saveCheckpoint()
            let live = try await database.liveOpportunityCount()
            try await ensureQuota(calls: live / max(1, configuration.batchSize) + 2)
        }
        try await collectSweepIDs()

        let deletedAt = nowTimestamp
        var after: SalesforceID?
        while true {
            let gone = try await database.sweepCachedOnly(after: after, limit: 1000)
            guard let last = gone.last else { break }
            run.counts.deleted += try await database.applySyncDeletions(gone, at: deletedAt, checkpoint: checkpoint.encoded())
            after = last
        }

        after = nil
        pagePhase = .sweeping
        defer { pagePhase = .downloading }
        while true {
            let missing = try await database.sweepRemoteOnly(after: after, limit: configuration.sweepFetchSize)
            guard let last = missing.last else { break }
            after = last
            try await ensureQuota(calls: 1)
            let page = try await source.query(query.byIDs(missing), includeDeleted: false, batchSize: configuration.batchSize)
            try await pageThrough(page) { page in try await self.write(page.records) }
        }
    }

    /// Streams `SELECT Id FROM Opportunity ORDER BY Id` into the scratch table, resuming after
    /// the last ID collected.
    private func collectSweepIDs() async throws {
        var consecutive = 0
        while true {
            let before = checkpoint.sweepAfter
            do {
                try await ensureQuota(calls: 1)
                var page = try await source.queryIDs(SyncQueryBuilder.idQuery(after: checkpoint.sweepAfter), batchSize: configuration.batchSize)
                while true {
                    var next: Task<SourceIDPage, any Error>?
                    if let link = page.nextPage {
                        try await ensureQuota(calls: 1)
                        let source = self.source
                        let batchSize = configuration.batchSize
                        next = Task { try await source.queryMoreIDs(link, batchSize: batchSize) }
                    }
                    checkpoint.sweepAfter = page.ids.last ?? checkpoint.sweepAfter
                    do {
                        try await database.addSweepIDs(page.ids, checkpoint: checkpoint.encoded())
                    } catch {
                        next?.cancel()
                        throw error
                    }
                    progress.pages += 1
                    await report(.sweeping)
                    guard let next else { return }
                    page = try await next.value
                }
            } catch let error as SourceError where error.restartsQuery {
                if checkpoint.sweepAfter != before { consecutive = 0 }
                consecutive += 1
                restarts += 1
                guard consecutive <= configuration.maximumRestarts else { throw error }
                logger.notice("ID sweep restarts after \(checkpoint.sweepAfter?.rawValue ?? "the start"): \(error)")
            }
        }
    }
}
