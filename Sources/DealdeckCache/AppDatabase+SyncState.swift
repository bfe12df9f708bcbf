import DealdeckCore
import Foundation
import GRDB

extension AppDatabase {
    /// The sync engine's stored state.
    public func syncState() throws(CacheError) -> SyncState {
        try read { db in try Self.syncState(in: db) }
    }

    static func syncState(in db: Database) throws -> SyncState {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sync_state WHERE id = 1") else { return SyncState() }
        func timestamp(_ column: String) -> SalesforceTimestamp? {
            (row[column] as Int64?).map(SalesforceTimestamp.init(millisecondsSinceEpoch:))
        }
        var watermark: SyncWatermark?
        if let modstamp = timestamp("watermark_modstamp"), let idText = row["watermark_id"] as String?, let id = SalesforceID(idText) {
            watermark = SyncWatermark(systemModstamp: modstamp, id: id)
        }
        return SyncState(
            watermark: watermark, lastFullSyncAt: timestamp("last_full_sync_at"), lastSuccessAt: timestamp("last_success_at"),
            lastDeletedCheckAt: timestamp("last_deleted_check_at"), checkpoint: row["checkpoint"], orgId: row["org_id"],
            instanceURL: row["instance_url"])
    }

    /// Replaces the stored sync state.
    public func saveSyncState(_ state: SyncState) throws(CacheError) {
        try write { db in try Self.saveSyncState(state, in: db) }
    }

    static func saveSyncState(_ state: SyncState, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE sync_state SET watermark_modstamp = ?, watermark_id = ?, last_full_sync_at = ?, last_success_at = ?,
                    last_deleted_check_at = ?, checkpoint = ?, org_id = ?, instance_url = ? WHERE id = 1
                """,
            arguments: [
                state.watermark?.systemModstamp.millisecondsSinceEpoch, state.watermark?.id.rawValue,
                state.lastFullSyncAt?.millisecondsSinceEpoch, state.lastSuccessAt?.millisecondsSinceEpoch,
                state.lastDeletedCheckAt?.millisecondsSinceEpoch, state.checkpoint, state.orgId, state.instanceURL,
            ])
    }

    /// Records a sync run (insert when it has no id yet, update otherwise) and returns its id.
    @discardableResult
    public func record(_ run: SyncRun) throws(CacheError) -> Int64 {
        try write { db in try Self.record(run, in: db) }
    }

    static func record(_ run: SyncRun, in db: Database) throws -> Int64 {
        let values: [(any DatabaseValueConvertible)?] = [
            run.startedAt.timeIntervalSince1970, run.endedAt?.timeIntervalSince1970, run.kind.rawValue,
            run.counts.new, run.counts.updated, run.counts.deleted, run.counts.undeleted, run.apiCallsUsed,
            run.verification?.remoteCount, run.verification?.cachedCount, run.verification?.repaired ?? false,
            run.error, run.errorCause,
        ]
        if let id = run.id {
            try db.execute(
                sql: """
                    UPDATE sync_run SET started_at = ?, ended_at = ?, kind = ?, new_count = ?, updated_count = ?,
                        deleted_count = ?, undeleted_count = ?, api_calls = ?, remote_count = ?, cached_count = ?,
                        repaired = ?, error = ?, error_cause = ? WHERE id = ?
                    """,
                arguments: StatementArguments(values + [id]))
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO sync_run (started_at, ended_at, kind, new_count, updated_count, deleted_count, undeleted_count,
                    api_calls, remote_count, cached_count, repaired, error, error_cause)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(values))
        return db.lastInsertedRowID
    }

    /// The most recent sync runs, newest first.
    public func syncRuns(limit: Int = 50) throws(CacheError) -> [SyncRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sync_run ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                let kindText: String = row["kind"]
                guard let kind = SyncKind(rawValue: kindText) else { throw CacheCorruption.badValue(column: "kind", value: kindText) }
                let remote: Int? = row["remote_count"]
                let cached: Int? = row["cached_count"]
                let ended: Double? = row["ended_at"]
                return SyncRun(
                    id: row["id"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
                    endedAt: ended.map(Date.init(timeIntervalSince1970:)), kind: kind,
                    counts: SyncCounts(new: row["new_count"], updated: row["updated_count"], deleted: row["deleted_count"], undeleted: row["undeleted_count"]),
                    apiCallsUsed: row["api_calls"],
                    verification: remote.flatMap { remote in cached.map { SyncVerification(remoteCount: remote, cachedCount: $0, repaired: row["repaired"]) } },
                    error: row["error"], errorCause: row["error_cause"])
            }
        }
    }
}
