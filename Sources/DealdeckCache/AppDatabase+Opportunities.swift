import DealdeckCore
import Foundation
import GRDB

extension AppDatabase {
    /// Upserts a page of records in one transaction. Memberships are never touched: they live in
    /// the people database and refer to opportunities by ID only.
    @discardableResult
    public func upsert(_ page: [CachedRecord], syncedAt: Date = Date()) throws(CacheError) -> UpsertSummary {
        try write { db in try Self.upsert(page, syncedAt: syncedAt, in: db) }
    }

    /// The upsert itself, for callers that combine it with other writes in one transaction.
    static func upsert(_ page: [CachedRecord], syncedAt: Date, in db: Database) throws -> UpsertSummary {
        var summary = UpsertSummary()
        guard !page.isEmpty else { return summary }
        let existing = try existingState(of: page.map(\.opportunity.id.rawValue), in: db)
        let statement = try db.cachedStatement(sql: OpportunityColumns.upsertSQL)
        let syncedMillis = Int64((syncedAt.timeIntervalSince1970 * 1000).rounded(.down))
        for record in page {
            let opportunity = record.opportunity
            let previous = existing[opportunity.id.rawValue]
            let deletedAt: Int64?
            if record.isDeleted {
                // Keep the original deletion time when a tombstone is seen again.
                deletedAt = previous?.deletedAt ?? opportunity.systemModstamp.millisecondsSinceEpoch
                if previous == nil || previous?.deletedAt == nil { summary.deleted += 1 } else { summary.unchanged += 1 }
            } else {
                deletedAt = nil
                switch previous {
                case nil: summary.inserted += 1
                case let state? where state.deletedAt != nil: summary.undeleted += 1
                case let state? where state.modstamp == opportunity.systemModstamp.millisecondsSinceEpoch: summary.unchanged += 1
                default: summary.updated += 1
                }
            }
            try statement.execute(arguments: OpportunityColumns.arguments(for: opportunity, deletedAt: deletedAt, syncedAt: syncedMillis))
        }
        return summary
    }

    private struct RowState {
        var modstamp: Int64
        var deletedAt: Int64?
    }

    private static func existingState(of ids: [String], in db: Database) throws -> [String: RowState] {
        var states: [String: RowState] = [:]
        // SQLite caps bound parameters (32766 in 3.32+); pages are at most a few thousand rows,
        // but chunk anyway so a caller passing a larger page still works.
        for chunk in stride(from: 0, to: ids.count, by: 5000) {
            let slice = Array(ids[chunk..<min(ids.count, chunk + 5000)])
            let placeholders = databaseQuestionMarks(count: slice.count)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, system_modstamp, deleted_at FROM opportunity WHERE id IN (\(placeholders))",
                arguments: StatementArguments(slice))
            while let row = try rows.next() {
                states[row["id"]] = RowState(modstamp: row["system_modstamp"], deletedAt: row["deleted_at"])
            }
        }
        return states
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
