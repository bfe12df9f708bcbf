import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// Runs a records query in `(SystemModstamp, Id)` order from the checkpoint's cursor to its
    /// end, writing each page with its checkpoint.
    ///
    /// When Salesforce invalidates the cursor (a token refresh mid-paging, an expired locator, a
    /// timeout), the query restarts after the last record written, never from the beginning. An
    /// INVALID_FIELD (a field hidden since the last describe) re-describes once, then drops the
    /// named field. `first` is a first page already fetched (by a batch round trip).
    func cursorQuery(first: SourcePage? = nil, soql: (SyncCursor?) -> String) async throws {
        var pending = first
        var consecutive = 0
        while true {
            let before = checkpoint.recordsDone
            do {
                let page: SourcePage
                if let pending {
                    page = pending
                } else {
                    try await ensureQuota(calls: 1)
                    page = try await source.query(soql(checkpoint.cursor), includeDeleted: true, batchSize: configuration.batchSize)
                }
                pending = nil
                // totalSize counts what this query matches: after a restart, only what is left.
                if pagePhase == .downloading { checkpoint.recordsTotal = checkpoint.recordsDone + page.totalSize }
                try await pageThrough(page, write: writeOrderedPage)
                return
            } catch let error as SourceError where error.restartsQuery {
                pending = nil
                if checkpoint.recordsDone > before { consecutive = 0 }
                consecutive += 1
                restarts += 1
                guard consecutive <= configuration.maximumRestarts else { throw error }
                logger.notice("query restarts after \(checkpoint.cursor.map { "\($0.systemModstamp) \($0.id)" } ?? "the start"): \(error)")
            } catch let error as SourceError where error.isInvalidField {
                pending = nil
                try await recoverFromInvalidField(error)
            }
        }
    }

    /// Follows `nextPage` links from `first`, downloading the next page while the current one is
    /// written: at most two pages are in memory. Checks the API quota before each call.
    func pageThrough(_ first: SourcePage, write: (SourcePage) async throws -> Void) async throws {
        var page = first
        while true {
            var next: Task<SourcePage, any Error>?
            if let link = page.nextPage {
                try await ensureQuota(calls: 1)
                let source = self.source
                let batchSize = configuration.batchSize
                next = Task { try await source.queryMore(link, batchSize: batchSize) }
            }
            do {
                try await write(page)
            } catch {
                next?.cancel()
                throw error
            }
            guard let next else { return }
            page = try await next.value
        }
    }

    /// Writes one page of an ordered query: the cursor moves to its last record.
    func writeOrderedPage(_ page: SourcePage) async throws {
        // The last record in Salesforce's order, not the maximum by Dealdeck's ID comparison:
        // a resume must continue exactly where Salesforce's own order left off.
        if let last = page.records.last { checkpoint.cursor = SyncCursor(last.opportunity) }
        try await write(page.records)
    }

    /// Upserts records and the current checkpoint in one transaction, and reports progress.
    func write(_ records: [SourceRecord]) async throws {
        try await write(OpportunityRows(records.lazy.map { (opportunity: $0.opportunity, isDeleted: $0.isDeleted) }))
    }

    func write(_ rows: OpportunityRows) async throws {
        checkpoint.recordsDone += rows.count
        if let newest = rows.newestModstamp {
            checkpoint.maxSeen = max(checkpoint.maxSeen ?? newest, newest)
        }
        // Never stamp a row before the run's start, even if the clock stepped back: the full
        // sync's tombstoning treats rows stamped before the start as not seen.
        let syncedAt = max(clock.now(), checkpoint.runStart)
        // Into a cache that was empty, the download's rows are new (a resumed load's first pages
        // aside, which the upsert still recognises).
        let expectingNew = checkpoint.startedEmpty == true && pagePhase == .downloading
        let summary = try await database.applySyncRows(rows, syncedAt: syncedAt, checkpoint: checkpoint.encoded(), expectingNew: expectingNew)
        run.counts = run.counts + SyncCounts(new: summary.inserted, updated: summary.updated, deleted: summary.deleted, undeleted: summary.undeleted)
        progress.pages += 1
        await report(pagePhase)
    }

    /// After INVALID_FIELD: describe again (once per run), else drop the field Salesforce named.
    func recoverFromInvalidField(_ error: SourceError) async throws {
        if !described {
            logger.notice("a field became invisible (\(error)); describing Opportunity again")
            try await describe()
            return
        }
        guard let name = error.invalidFieldName, let smaller = query.dropping(name) else { throw error }
        logger.notice("dropping the field \(name), which Salesforce refuses")
        query = smaller
        try await database.saveSyncSelectList(Self.encode(query.fields))
    }

    /// Describes Opportunity and keeps the SELECT list derived from it.
    func describe() async throws {
        await report(.describing)
        try await ensureQuota(calls: 1)
        let schema = try await source.describe()
        try adopt(schema)
        try await database.saveSyncSelectList(Self.encode(query.fields))
    }

    func adopt(_ schema: SourceSchema) throws {
        query = try SyncQueryBuilder(schema: schema)
        described = true
    }

    /// The stored SELECT list, or a describe when there is none.
    func loadSelectList() async throws {
        if let text = try await database.syncSelectList(), let fields = Self.decodeFields(text),
            Set(SyncQueryBuilder.requiredFields).isSubset(of: fields)
        {
            query = SyncQueryBuilder(fields: fields)
        } else {
            try await describe()
        }
    }

    static func encode(_ fields: [String]) -> String { fields.joined(separator: ",") }

    static func decodeFields(_ text: String) -> [String]? {
        let fields = text.split(separator: ",").map(String.init)
        return fields.isEmpty ? nil : fields
    }
}
