import DealdeckCore
import Foundation
import GRDB

/// What the sync engine needs from the cache beyond plain upserts: pages written together with
/// their checkpoint, the ID sweep's scratch table, the end-of-full-sync tombstoning,
/// and the describe-derived SELECT list.
///
/// These are `async` and run on GRDB's own queue, so a sync never blocks one of the (few)
/// cooperative threads while SQLite works, and the next page can download meanwhile. Every
/// write is a short transaction: a TUI or a second process sharing the cache waits at most
/// one page for the write lock (see `busyTimeout`).
extension AppDatabase {
    /// Writes one page and the engine's checkpoint in one transaction, so a crash leaves either
    /// both or neither. `syncedAt` is stamped on every row (the full sync's tombstoning relies on it).
    public func applySyncPage(_ page: [CachedRecord], syncedAt: Date, checkpoint: String?) async throws(CacheError) -> UpsertSummary {
        try await asyncWrite { db in
            let summary = try Self.upsert(page, syncedAt: syncedAt, in: db)
            try db.execute(sql: "UPDATE sync_state SET checkpoint = ? WHERE id = 1", arguments: [checkpoint])
            return summary
        }
    }

    /// Turns the given IDs into tombstones (when live) and saves the checkpoint, in one transaction.
    /// Returns how many live rows became tombstones.
    public func applySyncDeletions(_ ids: [SalesforceID], at deletedAt: SalesforceTimestamp, checkpoint: String?) async throws(CacheError) -> Int {
        try await asyncWrite { db in
            let changed = try Self.markDeleted(ids, at: deletedAt, in: db)
            try db.execute(sql: "UPDATE sync_state SET checkpoint = ? WHERE id = 1", arguments: [checkpoint])
            return changed
        }
    }

    /// Saves only the checkpoint (nil clears it).
    public func saveSyncCheckpoint(_ checkpoint: String?) async throws(CacheError) {
        try await asyncWrite { db in
            try db.execute(sql: "UPDATE sync_state SET checkpoint = ? WHERE id = 1", arguments: [checkpoint])
        }
    }

    /// Empties the ID sweep's scratch table (a fresh sweep).
    public func resetSweep() async throws(CacheError) {
        try await asyncWrite { db in try db.execute(sql: "DELETE FROM sync_sweep_id") }
    }

    /// Adds one page of Salesforce's live IDs to the sweep table and saves the checkpoint, in one
    /// transaction, so an interrupted sweep resumes after the last page.
    public func addSweepIDs(_ ids: [SalesforceID], checkpoint: String?) async throws(CacheError) {
        try await asyncWrite { db in
            let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO sync_sweep_id(id) VALUES (?)")
            for id in ids { try statement.execute(arguments: [id.rawValue]) }
            try db.execute(sql: "UPDATE sync_state SET checkpoint = ? WHERE id = 1", arguments: [checkpoint])
        }
    }

    /// Live cached IDs that the sweep did not see in Salesforce, after `after` in ID order, at most
    /// `limit`: records deleted for good (purged from the recycle bin) that became tombstones nowhere.
    public func sweepCachedOnly(after: SalesforceID?, limit: Int) async throws(CacheError) -> [SalesforceID] {
        try await asyncRead { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT o.id FROM opportunity o
                    WHERE o.deleted_at IS NULL AND o.id > ? AND NOT EXISTS (SELECT 1 FROM sync_sweep_id s WHERE s.id = o.id)
                    ORDER BY o.id LIMIT ?
                    """,
                arguments: [after?.rawValue ?? "", limit]
            ).compactMap(SalesforceID.init)
        }
    }

    /// IDs the sweep saw in Salesforce that are not live in the cache, after `after`, at most `limit`.
    public func sweepRemoteOnly(after: SalesforceID?, limit: Int) async throws(CacheError) -> [SalesforceID] {
        try await asyncRead { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT s.id FROM sync_sweep_id s
                    WHERE s.id > ? AND NOT EXISTS (SELECT 1 FROM opportunity o WHERE o.id = s.id AND o.deleted_at IS NULL)
                    ORDER BY s.id LIMIT ?
                    """,
                arguments: [after?.rawValue ?? "", limit]
            ).compactMap(SalesforceID.init)
        }
    }

    /// How many live opportunities the cache holds (what Salesforce's COUNT() is compared with).
    public func liveOpportunityCount() async throws(CacheError) -> Int {
        try await asyncRead { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity WHERE deleted_at IS NULL") ?? 0
        }
    }

    /// Tombstones up to `limit` live rows last written before `syncedBefore`, walking in ID order
    /// from `after`. Returns the number tombstoned and the last ID examined (nil when done), so
    /// the caller loops in short transactions. A full sync calls this at its end: a live row it did
    /// not write is no longer in Salesforce.
    public func tombstoneUnsynced(
        before syncedBefore: Date, deletedAt: SalesforceTimestamp, after: SalesforceID?, limit: Int
    ) async throws(CacheError) -> (tombstoned: Int, last: SalesforceID?) {
        let cutoff = Self.milliseconds(syncedBefore)
        return try await asyncWrite { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM opportunity WHERE id > ? AND deleted_at IS NULL AND synced_at < ? ORDER BY id LIMIT ?",
                arguments: [after?.rawValue ?? "", cutoff, limit])
            let statement = try db.cachedStatement(sql: "UPDATE opportunity SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
            var changed = 0
            for id in ids {
                try statement.execute(arguments: [deletedAt.millisecondsSinceEpoch, id])
                changed += db.changesCount
            }
            let last = ids.count < limit ? nil : ids.last.flatMap(SalesforceID.init)
            return (changed, last)
        }
    }

    /// The SELECT list the engine derived from describe (JSON it owns), kept so incremental runs
    /// need no describe call.
    public func syncSelectList() async throws(CacheError) -> String? {
        try await asyncRead { db in
            try String.fetchOne(db, sql: "SELECT select_list FROM sync_state WHERE id = 1")
        }
    }

    public func saveSyncSelectList(_ list: String?) async throws(CacheError) {
        try await asyncWrite { db in
            try db.execute(sql: "UPDATE sync_state SET select_list = ? WHERE id = 1", arguments: [list])
        }
    }

    /// Closes runs a killed process left open (no end time), so the log says what happened.
    /// Returns how many were closed.
    @discardableResult
    public func closeInterruptedSyncRuns(endedAt: Date, message: String) async throws(CacheError) -> Int {
        try await asyncWrite { db in
            try db.execute(
                sql: "UPDATE sync_run SET ended_at = ?, error = ?, error_cause = 'interrupted' WHERE ended_at IS NULL",
                arguments: [endedAt.timeIntervalSince1970, message])
            return db.changesCount
        }
    }

    /// Async `syncState()`.
    public func loadSyncState() async throws(CacheError) -> SyncState {
        try await asyncRead { db in try Self.syncState(in: db) }
    }

    /// Async `saveSyncState(_:)`.
    public func storeSyncState(_ state: SyncState) async throws(CacheError) {
        try await asyncWrite { db in try Self.saveSyncState(state, in: db) }
    }

    /// Async `record(_:)`.
    @discardableResult
    public func storeSyncRun(_ run: SyncRun) async throws(CacheError) -> Int64 {
        try await asyncWrite { db in try Self.record(run, in: db) }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    private func asyncRead<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(CacheError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw CacheError.classify(error, path: cachePath ?? appPath)
        }
    }

    private func asyncWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(CacheError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw CacheError.classify(error, path: cachePath ?? appPath)
        }
    }
}
