import DealdeckCore
import Foundation
import GRDB

extension AppDatabase {
    /// Upserts a page of records in one transaction. Memberships are never touched: they live in
    /// the people database and refer to opportunities by ID only.
    @discardableResult
    public func upsert(_ page: [CachedRecord], syncedAt: Date = Date()) throws(CacheError) -> UpsertSummary {
        let rows = OpportunityRows(page.lazy.map { (opportunity: $0.opportunity, isDeleted: $0.isDeleted) })
        return try write { db in try Self.upsert(rows, syncedAt: Self.milliseconds(syncedAt), in: db) }
    }

    /// Turns records deleted in Salesforce into tombstones (hidden from lists, memberships kept).
    /// Returns how many live rows became tombstones.
    @discardableResult
    public func markDeleted(_ ids: [SalesforceID], at deletedAt: SalesforceTimestamp) throws(CacheError) -> Int {
        try write { db in try Self.markDeleted(ids, at: deletedAt, in: db) }
    }

    static func markDeleted(_ ids: [SalesforceID], at deletedAt: SalesforceTimestamp, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: "UPDATE opportunity SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
        var changed = 0
        for id in ids {
            try statement.execute(arguments: [deletedAt.millisecondsSinceEpoch, id.rawValue])
            changed += db.changesCount
        }
        return changed
    }

    /// One cached opportunity by ID (15 or 18 characters accepted by the caller's parsing),
    /// including tombstones, with whether it is deleted.
    public func opportunity(id: SalesforceID) throws(CacheError) -> CachedOpportunity? {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(OpportunityColumns.selectList), deleted_at, synced_at FROM opportunity WHERE id = ?",
                arguments: [id.rawValue])
            else { return nil }
            return try OpportunityColumns.cachedOpportunity(from: row)
        }
    }

    /// Counts of live and tombstoned rows.
    public func opportunityCounts() throws(CacheError) -> (live: Int, deleted: Int) {
        try read { db in
            let live = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity WHERE deleted_at IS NULL") ?? 0
            let deleted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity WHERE deleted_at IS NOT NULL") ?? 0
            return (live, deleted)
        }
    }
}
