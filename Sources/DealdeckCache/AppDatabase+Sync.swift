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
    /// Tunes the writer connection for a sync's stream of page transactions; harmless to repeat.
    ///
    /// - A 64 MB page cache (SQLite's default is 2 MB): each row touches a dozen B-trees (the
    ///   table, its list indexes, the full-text index), and with a small cache every page write
    ///   spills and every lookup rereads from the OS, which made a sync I/O-bound at a few
    ///   thousand rows a second. The cache is a fixed size, so memory does not grow with the org.
    /// - `synchronous = NORMAL` on the cache only (not on the people database): in WAL mode this
    ///   still never corrupts the file; a power cut may lose the last page transaction, and with
    ///   it its checkpoint, so the next sync simply reads that page again.
    /// - WAL checkpoints every 256 MB instead of every 1,000 pages: each checkpoint
    ///   copies the log into the database and syncs it to disk, and at SQLite's default a
    ///   300,000-row load spent 40 % of its time there (measured: 19,700 vs 33,400 rows/s). The
    ///   log stays bounded, and `journal_size_limit` gives all but 64 MB of it back after each
    ///   checkpoint.
    public func prepareForSync() async throws(CacheError) {
        do {
            try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA main.cache_size = -65536")
                if cachePath != nil {
                    try db.execute(sql: "PRAGMA main.synchronous = NORMAL")
                    let pageSize = try Int.fetchOne(db, sql: "PRAGMA main.page_size") ?? AppDatabase.cachePageSize
                    _ = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint = \(Self.autocheckpointBytes / pageSize)")
                    _ = try Int.fetchOne(db, sql: "PRAGMA main.journal_size_limit = 67108864")
                }
            }
        } catch {
            throw CacheError.classify(error, path: cachePath ?? appPath)
        }
    }

    /// How much log a sync's writer lets grow before copying it into the cache (see `prepareForSync`).
    static let autocheckpointBytes = 256 << 20

    /// Starts copying the write-ahead log into the cache file on a thread of its own, for a
    /// sync's long run of writes (see `WALCheckpointer`), once the log holds more than
    /// `logBytes`; nil for an in-memory cache. Call `stop()` when the writing is done.
    public func startBackgroundCheckpoints(aboveLogBytes logBytes: Int = 0) -> WALCheckpointer? {
        guard let cachePath else { return nil }
        return WALCheckpointer(path: cachePath, startingAbove: logBytes)
    }

    /// How much log an initial load leaves uncopied while it downloads: half the writer's own
    /// checkpoint interval, so the writer never stops to copy. A load that stays below it is
    /// copied once its indexes are built beside the list builds (`restoreDeferredIndexes`), on
    /// the core the search index's build has freed, instead of beside the download, which keeps
    /// both cores busy.
    public static let initialLoadUncopiedLogBytes = autocheckpointBytes / 2

    /// Rows in the opportunity table, tombstones included (zero means a first load).
    public func opportunityRowCount() async throws(CacheError) -> Int {
        try await asyncRead { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity") ?? 0 }
    }

    /// Drops the opportunity table's secondary indexes (the list orderings, owner, modstamp) and
    /// the triggers that keep the full-text index in step, for an initial load, remembering
    /// their DDL in the same transaction.
    ///
    /// Why: every row lands at a random place in a dozen indexes, so each page transaction
    /// rewrites most index pages, and a load of 100,000 rows slows to a few thousand rows a
    /// second. The full-text triggers alone cost more than half of every insert. Loading
    /// without them and building each once at the end (a sort; one FTS5 `rebuild`) is several
    /// times faster. The primary key stays, so upserts keep working; lists are merely slower,
    /// and search finds only rows written before the load, until `restoreDeferredIndexes()`.
    public func deferIndexesForInitialLoad() async throws(CacheError) {
        try await asyncWrite { db in
            let objects = try Row.fetchAll(
                db,
                sql: """
                    SELECT type, name, sql FROM sqlite_master
                    WHERE tbl_name = 'opportunity' AND sql IS NOT NULL
                      AND (type = 'index' OR (type = 'trigger' AND name LIKE 'opportunity_fts_%'))
                    """)
            for object in objects {
                let name: String = object["name"]
                let type: String = object["type"]
                try db.execute(sql: "INSERT OR REPLACE INTO sync_deferred_index(name, sql) VALUES (?, ?)", arguments: [name, object["sql"] as String])
                try db.execute(sql: "DROP \(type == "trigger" ? "TRIGGER" : "INDEX") \(name.quotedDatabaseIdentifier)")
            }
        }
    }

    /// Removes the full-text index build file (`FullTextIndexBuild`) a sync killed during its
    /// index builds left beside the cache. Only a sync makes one: call it holding the sync lock.
    public func removeLeftoverFullTextIndexBuild() {
        guard let cachePath else { return }
        FullTextIndexBuild.removeFiles(at: FullTextIndexBuild.buildPath(for: cachePath))
    }

    /// Whether indexes are waiting to be rebuilt.
    public func hasDeferredIndexes() async throws(CacheError) -> Bool {
        try await asyncRead { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sync_deferred_index") ?? 0 > 0 }
    }

    /// Rebuilds what `deferIndexesForInitialLoad()` dropped: each index in a transaction of its
    /// own, so the write lock is never held for more than one index build; meanwhile, on disk,
    /// the full-text index in a file of its own (`FullTextIndexBuild`), copied in together with
    /// its triggers. When that cannot be used (or in memory), the triggers and one FTS5
    /// `rebuild` follow the list indexes in one transaction. Either way no write can slip
    /// between the index and its triggers unindexed.
    @discardableResult
    public func restoreDeferredIndexes() async throws(CacheError) -> FullTextRebuild {
        let pending = try await asyncRead { db in
            try Row.fetchAll(db, sql: "SELECT name, sql FROM sync_deferred_index ORDER BY name").map { ($0["name"] as String, $0["sql"] as String) }
        }
        let isTrigger = { (sql: String) in sql.range(of: "CREATE TRIGGER", options: [.caseInsensitive, .anchored]) != nil }
        let triggers = pending.filter { isTrigger($0.1) }.map { (name: $0.0, sql: $0.1) }
        let alongside: Task<Result<FullTextIndexBuild, any Error>, Never>? = triggers.isEmpty ? nil : cachePath.map { cachePath in
            Task {
                do { return .success(try await FullTextIndexBuild.build(cachePath: cachePath)) } catch { return .failure(error) }
            }
        }
        // Once the side build is done, its core is free for copying the list builds' log into
        // the file. Otherwise the install's commit copies all of it after the list builds (SQLite
        // checkpoints after a commit that leaves the log over 1,000 pages): at 100,000 rows that
        // commit took 0.10–0.14 s, and 0.04–0.05 s with the copying. Not earlier: beside both
        // builds the copying slowed them more than it spared the writer.
        let copier = alongside.map { alongside in
            Task { () -> WALCheckpointer? in
                guard case .success = await alongside.value, !Task.isCancelled else { return nil }
                return startBackgroundCheckpoints()
            }
        }
        do {
            try await buildListIndexes(pending.filter { !isTrigger($0.1) })
            copier?.cancel()
            await copier?.value?.stop()
        } catch {
            alongside?.cancel()
            copier?.cancel()
            await copier?.value?.stop()
            if case .success(let build)? = await alongside?.value { build.discard() }
            throw error
        }
        guard !triggers.isEmpty else { return .notDeferred }
        let reason: String
        switch await alongside?.value {
        case .success(let build)?:
            defer { build.discard() }
            do {
                try await build.install(triggers: triggers)
                return .builtAlongside
            } catch {
                reason = "installing it failed: \(error)"
            }
        case .failure(let error)?:
            reason = "building it failed: \(error)"
        case nil:
            reason = "the cache is in memory"
        }
        try await asyncWrite { db in
            for (name, sql) in triggers { try Self.recreateDeferred("trigger", name: name, sql: sql, in: db) }
            try db.execute(sql: "INSERT INTO opportunity_fts(opportunity_fts) VALUES ('rebuild')")
        }
        return .rebuiltInPlace(reason: reason)
    }

    /// The deferred indexes other than full-text, with the sorter tuned for them.
    private func buildListIndexes(_ pending: [(String, String)]) async throws(CacheError) {
        let rows = try await asyncRead { db in try Int.fetchOne(db, sql: "SELECT MAX(rowid) FROM opportunity") ?? 0 }
        let saved = try await useSorterSettings(Self.indexBuildSorter(rows: rows))
        do {
            for (name, sql) in pending {
                try await asyncWrite { db in try Self.recreateDeferred("index", name: name, sql: sql, in: db) }
            }
        } catch {
            _ = try? await useSorterSettings(saved)
            throw error
        }
        _ = try await useSorterSettings(saved)
    }

    /// Creates a deferred index or trigger (`type`) unless it exists already (an interrupted
    /// rebuild may have made it) and forgets it as deferred, in the caller's transaction.
    static func recreateDeferred(_ type: String, name: String, sql: String, in db: Database) throws {
        let exists = try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM main.sqlite_master WHERE type = ? AND name = ?", arguments: [type, name]) ?? false
        if !exists { try db.execute(sql: sql) }
        try db.execute(sql: "DELETE FROM main.sync_deferred_index WHERE name = ?", arguments: [name])
    }

    /// How SQLite sorts the keys of a `CREATE INDEX`: in runs of `cache_size` pages, each sorted
    /// by one of `threads` worker threads (or by the connection's own thread when 0), then merged.
    struct SorterSettings: Sendable {
        var threads: Int
        /// Kibibytes (`PRAGMA cache_size` as a negative number).
        var cacheKibibytes: Int
    }

    /// For the deferred index builds of a table of `rows` rows: runs of half an index (an index
    /// entry is some 64 bytes), between 1 and 8 MB, sorted on the writer's own thread. With
    /// the sync's 64 MB cache a single run held a whole index and sorted with poor locality
    /// (1,000,000 rows: 24 s for the list indexes, 17.7 s in 8 MB runs; 2–4 MB runs were no
    /// faster). Worker threads paid while NOCASE keys were decoded for every comparison
    /// (100,000 rows: 2.1–2.4 s → 1.6–1.8 s on 2 cores); since the text keys compare as bytes
    /// (cache-v8) they cost CPU and gain nothing: the full-text index builds beside on the other
    /// core (alternating syncs, 100,000 rows: index phase 0.86 → 0.78 s; 1,000,000 rows: the
    /// same 14 s, 20.1 → 17.8 CPU-s). `threads` is set all the same: some SQLite builds default
    /// to worker threads.
    static func indexBuildSorter(rows: Int) -> SorterSettings {
        SorterSettings(threads: 0, cacheKibibytes: min(8192, max(1024, rows * 64 / 2 / 1024)))
    }

    /// Applies sorter settings to the writer connection and returns the ones it replaced.
    private func useSorterSettings(_ settings: SorterSettings) async throws(CacheError) -> SorterSettings {
        do {
            return try await writer.writeWithoutTransaction { db in
                let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
                let cache = try Int.fetchOne(db, sql: "PRAGMA main.cache_size") ?? -2000
                _ = try Int.fetchOne(db, sql: "PRAGMA threads = \(settings.threads)")
                try db.execute(sql: "PRAGMA main.cache_size = -\(settings.cacheKibibytes)")
                // A positive cache_size counts pages; keep the setting in kibibytes either way.
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA main.page_size") ?? 4096
                return SorterSettings(threads: threads, cacheKibibytes: cache < 0 ? -cache : cache * pageSize / 1024)
            }
        } catch {
            throw CacheError.classify(error, path: cachePath ?? appPath)
        }
    }

    /// Writes one page and the engine's checkpoint in one transaction, so a crash leaves either
    /// both or neither. `syncedAt` is stamped on every row (the full sync's tombstoning relies on it).
    /// `expectingNew`: most rows are not cached yet (an initial load); see `upsert`.
    public func applySyncRows(_ rows: OpportunityRows, syncedAt: Date, checkpoint: String?, expectingNew: Bool = false) async throws(CacheError) -> UpsertSummary {
        let syncedAt = Self.milliseconds(syncedAt)
        return try await asyncWrite { db in
            let summary = try Self.upsert(rows, syncedAt: syncedAt, expectingNew: expectingNew, in: db)
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
