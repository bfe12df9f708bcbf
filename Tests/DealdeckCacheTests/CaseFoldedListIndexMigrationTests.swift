@testable import DealdeckCache
import DealdeckCore
import Foundation
import GRDB
import Testing

/// cache-v8 gives the text orderings' indexes case-folded binary keys, whether they are in
/// place or still deferred by an interrupted initial load; the other indexes stay as they were.
@Suite struct CaseFoldedListIndexMigrationTests {
    private static let insert = """
        INSERT INTO opportunity(id, name, account_name, stage_name, close_date, is_closed, is_won, owner_id, owner_name, created_date, last_modified_date, system_modstamp, synced_at)
        VALUES (?, ?, ?, 'Prospecting', '2025-01-01', 0, 0, '005000000000001AAA', 'Jane Rep', 0, 0, 0, 0)
        """

    private static func indexes(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'opportunity' AND sql IS NOT NULL")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, $0["sql"] as String) })
    }

    @Test func indexesInPlaceAreRebuiltAndTheListReadsThem() throws {
        let queue = try DatabaseQueue()
        try CacheSchema.migrator.migrate(queue, upTo: "cache-v7-lean-indexes")
        let before = try queue.read(Self.indexes)
        try queue.write { db in
            try db.execute(sql: Self.insert, arguments: ["006000000000001AAA", "beta", nil])
            try db.execute(sql: Self.insert, arguments: ["006000000000002AAA", "Alpha", "Initech"])
            try db.execute(sql: Self.insert, arguments: ["006000000000003AAA", "ALPHA two", "acme"])
        }
        try CacheSchema.migrator.migrate(queue)
        try queue.read { db in
            let after = try Self.indexes(db)
            var replaced: Set<String> = []
            for (name, sql) in CacheSchema.listIndexes {
                #expect(after[name] == sql)
                if before[name] != sql { replaced.insert(name) }
            }
            #expect(replaced == ["opportunity_list_by_name", "opportunity_list_by_account", "opportunity_list_by_stage", "opportunity_list_by_owner"])
            #expect(after.count == before.count)
            let byName = try String.fetchAll(db, sql: "SELECT name FROM opportunity o WHERE deleted_at IS NULL ORDER BY \(OpportunityListSQL.sortExpression(.name)), rowid")
            #expect(byName == ["Alpha", "ALPHA two", "beta"])
            let byAccount = try String.fetchAll(db, sql: "SELECT name FROM opportunity o WHERE deleted_at IS NULL ORDER BY \(OpportunityListSQL.sortExpression(.account)), rowid")
            #expect(byAccount == ["beta", "ALPHA two", "Alpha"], "no account first, then acme, Initech")
            #expect(try String.fetchOne(db, sql: "SELECT * FROM pragma_integrity_check") == "ok")
        }
    }

    @Test func deferredIndexesGetTheNewDefinitionsForTheNextSync() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        do {
            let queue = try DatabaseQueue(path: directory + "/cache.sqlite")
            try CacheSchema.migrator.migrate(queue, upTo: "cache-v7-lean-indexes")
            // What deferIndexesForInitialLoad does: the list indexes dropped, their DDL kept.
            try await queue.write { db in
                for (name, sql) in CacheSchema.cacheV7ListIndexes {
                    try db.execute(sql: "INSERT INTO sync_deferred_index(name, sql) VALUES (?, ?)", arguments: [name, sql])
                    try db.execute(sql: "DROP INDEX \(name)")
                }
                try db.execute(sql: Self.insert, arguments: ["006000000000001AAA", "Initech pilot", nil])
            }
            try queue.close()
        }
        let database = try CacheFixtures.openOnDisk(directory)
        let deferred = try await database.writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sync_deferred_index").map { ($0["name"] as String, $0["sql"] as String) })
        }
        #expect(deferred.count == CacheSchema.listIndexes.count)
        for (name, sql) in CacheSchema.listIndexes { #expect(deferred[name] == sql) }
        let built = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'opportunity_list_by_%'")
        }
        #expect(built == 0, "a deferred index waits for the sync")
        try await database.restoreDeferredIndexes()
        try await database.writer.read { db in
            let indexes = try Self.indexes(db)
            for (name, sql) in CacheSchema.listIndexes { #expect(indexes[name] == sql) }
        }
    }
}
