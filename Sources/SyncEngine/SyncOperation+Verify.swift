import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// Compares Salesforce's COUNT() of live opportunities with the cache's, and repairs a
    /// difference: first a catch-up pass (records changed while this run was reading), then,
    /// if they still differ, an ID sweep. The result goes in the sync log ("verified N/N").
    ///
    /// `catchUpFirst` runs the catch-up pass before counting: after a download long enough for
    /// records to change behind the cursor (a query's pages are a snapshot of its start), so the
    /// run ends with the org as it is, not as it was when the download began.
    func verify(knownRemoteCount: Int?, catchUpFirst: Bool = false) async throws {
        await report(.verifying)
        if catchUpFirst { try await catchUp() }
        var remote: Int
        if let knownRemoteCount {
            remote = knownRemoteCount
        } else {
            remote = try await countRemote()
        }
        var cached = try await database.liveOpportunityCount()
        guard remote != cached else {
            run.verification = SyncVerification(remoteCount: remote, cachedCount: cached)
            return
        }
        logger.notice("verification: \(cached) cached, \(remote) in Salesforce; repairing")
        if !catchUpFirst {
            try await catchUp()
            remote = try await countRemote()
            cached = try await database.liveOpportunityCount()
        }
        if remote != cached {
            try await sweep(reason: "the cache holds \(cached) opportunities and Salesforce \(remote)")
            remote = try await countRemote()
            cached = try await database.liveOpportunityCount()
        }
        run.verification = SyncVerification(remoteCount: remote, cachedCount: cached, repaired: remote == cached)
        await report(.verifying)
    }

    private func countRemote() async throws -> Int {
        try await ensureQuota(calls: 1)
        return try await source.count(SyncQueryBuilder.countQuery)
    }

    /// Reads what changed since the watermark minus the overlap: records created, changed or
    /// deleted while this run was reading. Usually one call.
    func catchUp() async throws {
        guard let from = watermarkCandidate?.systemModstamp else { return }
        pagePhase = .verifying
        defer { pagePhase = .downloading }
        let since = from.adding(milliseconds: -Int64(configuration.overlapSeconds * 1000))
        checkpoint.cursor = nil
        try await cursorQuery { [query] cursor in query.incrementalQuery(since: since, after: cursor) }
        if let cursor = checkpoint.cursor, cursor.systemModstamp >= from { watermarkCandidate = cursor }
    }
}
