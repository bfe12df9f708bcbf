@testable import DealdeckCache
import DealdeckCore
import Foundation
import GRDB
import Testing

/// cache-v7 rebuilds a cache's list and full-text indexes in their leaner form, whether they
/// are in place or still deferred by an interrupted initial load.
@Suite struct LeanIndexMigrationTests {
    private static let insert = """
        INSERT INTO opportunity(id, name, stage_name, close_date, is_closed, is_won, owner_id, created_date, last_modified_date, system_modstamp, synced_at)
        VALUES (?, ?, 'Prospecting', '2025-01-01', 0, 0, '005000000000001AAA', 0, 0, 0, 0)
        """

    private static func schema(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE tbl_name LIKE 'opportunity%' AND sql IS NOT NULL")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, $0["sql"] as String) })
    }

    @Test func indexesInPlaceAreRebuiltAndSearchStillFindsEveryRow() throws {
        let queue = try DatabaseQueue()
        try CacheSchema.migrator.migrate(queue, upTo: "cache-v6-search-prefixes")
        try queue.write { db in
            try db.execute(sql: Self.insert, arguments: ["006000000000001AAA", "Initech pilot"])
            try db.execute(sql: Self.insert, arguments: ["006000000000002AAA", "Pied Piper renewal"])
        }
        try CacheSchema.migrator.migrate(queue)
        try queue.write { db in try db.execute(sql: Self.insert, arguments: ["006000000000003AAA", "Hooli pipeline"]) }
        try queue.read { db in
            let schema = try Self.schema(db)
            #expect(schema["opportunity_list_by_modified"] == nil)
            #expect(schema["opportunity_on_modstamp"] != nil)
            for (name, sql) in CacheSchema.listIndexes {
                #expect(schema[name] == sql)
                #expect(!sql.contains(", id)"))
            }
            #expect(schema["opportunity_fts"]?.contains("columnsize=0") == true)
            #expect(schema["opportunity_fts"]?.contains("prefix='2'") == true)
            #expect(schema["opportunity_fts_insert"] != nil, "the triggers name the table, so they carry on")
            let found = try String.fetchAll(
                db, sql: "SELECT o.name FROM opportunity o WHERE o.rowid IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH '\"pi\"*') ORDER BY o.name")
            #expect(found == ["Hooli pipeline", "Initech pilot", "Pied Piper renewal"])
            let integrity = try String.fetchOne(db, sql: "SELECT * FROM pragma_integrity_check")
            #expect(integrity == "ok")
        }
        try queue.write { db in
            try db.execute(sql: "INSERT INTO opportunity_fts(opportunity_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func deferredIndexesGetTheNewDefinitionsForTheNextSync() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        let path = directory + "/cache.sqlite"
        do {
            let queue = try DatabaseQueue(path: path)
            try CacheSchema.migrator.migrate(queue, upTo: "cache-v6-search-prefixes")
            // What deferIndexesForInitialLoad did before this version: every index and trigger dropped, its DDL kept.
            try await queue.write { db in
                let objects = try Row.fetchAll(
                    db, sql: "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'opportunity' AND sql IS NOT NULL AND (type = 'index' OR type = 'trigger')")
                for object in objects {
                    let name: String = object["name"]
                    try db.execute(sql: "INSERT INTO sync_deferred_index(name, sql) VALUES (?, ?)", arguments: [name, object["sql"] as String])
                    try db.execute(sql: "DROP \(object["type"] as String == "trigger" ? "TRIGGER" : "INDEX") \(name)")
                }
                try db.execute(sql: Self.insert, arguments: ["006000000000001AAA", "Initech pilot"])
            }
            try queue.close()
        }
        let database = try CacheFixtures.openOnDisk(directory)
        let deferred = try await database.writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sync_deferred_index").map { ($0["name"] as String, $0["sql"] as String) })
        }
        #expect(deferred["opportunity_list_by_modified"] == nil)
        for (name, sql) in CacheSchema.listIndexes { #expect(deferred[name] == sql) }
        let listIndexesBuilt = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'opportunity_list_by_%'")
        }
        #expect(listIndexesBuilt == 0, "a deferred index waits for the sync")

        try await database.restoreDeferredIndexes()
        try await database.writer.read { db in
            let schema = try Self.schema(db)
            for (name, sql) in CacheSchema.listIndexes { #expect(schema[name] == sql) }
            #expect(schema["opportunity_list_by_modified"] == nil)
        }
        let search = OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: "initech"), today: CacheFixtures.today())
        #expect(try database.count(search) == 1)
    }
}
