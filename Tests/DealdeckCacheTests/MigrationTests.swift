@testable import DealdeckCache
import DealdeckCore
import Foundation
import GRDB
import Testing

/// Every database an earlier Dealdeck created must open in this one, keeping its data.
@Suite struct MigrationTests {
    @Test(arguments: CacheSchema.migrator.migrations)
    func aCacheCreatedByAnEarlierMigrationOpens(upTo migration: String) throws {
        let directory = CacheFixtures.temporaryDirectory()
        let queue = try DatabaseQueue(path: directory + "/cache.sqlite")
        try CacheSchema.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            let rows = OpportunityRows([(opportunity: CacheFixtures.opportunity(1, name: "Legacy deal"), isDeleted: false)])
            _ = try AppDatabase.upsert(rows, syncedAt: 0, in: db)
        }
        try queue.close()

        let database = try CacheFixtures.openOnDisk(directory)
        #expect(try database.opportunity(id: CacheFixtures.id(1))?.opportunity.name == "Legacy deal")
        let search = OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: "legacy"), today: CacheFixtures.today())
        #expect(try database.count(search) == 1)  // the search index covers rows written before it existed
        #expect(try database.syncRuns().isEmpty)
        let applied = try database.writer.read { db in try CacheSchema.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(CacheSchema.migrator.migrations))
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA main.page_size") } == 4096)  // as created
    }

    @Test func aNewCacheHasLargerPagesThanSQLitesDefault() throws {
        let directory = CacheFixtures.temporaryDirectory()
        let database = try CacheFixtures.openOnDisk(directory)
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA main.page_size") } == AppDatabase.cachePageSize)
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA app.page_size") } == 4096)  // people stay apart
        // The page cache holds as many pages as SQLite's default did with 4 KB pages.
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA main.cache_size") } == -AppDatabase.readerCacheKibibytes)
    }

    @Test(arguments: AppSchema.migrator.migrations)
    func aPeopleDatabaseCreatedByAnEarlierMigrationOpens(upTo migration: String) throws {
        let directory = CacheFixtures.temporaryDirectory()
        let queue = try DatabaseQueue(path: directory + "/app.sqlite")
        try AppSchema.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO app_user (login_name, display_name, role, created_at) VALUES ('old', 'Old Timer', 'admin', 0)")
        }
        try queue.close()
        let database = try CacheFixtures.openOnDisk(directory)
        #expect(try database.user(named: "OLD")?.displayName == "Old Timer")
    }

    @Test func syncLogAndStateRoundTrip() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        var run = SyncRun(startedAt: Date(timeIntervalSince1970: 1000), kind: .full)
        run.id = try database.record(run)
        run.endedAt = Date(timeIntervalSince1970: 1010)
        run.counts = SyncCounts(new: 5, updated: 1, deleted: 2, undeleted: 1)
        run.apiCallsUsed = 4
        run.verification = SyncVerification(remoteCount: 10, cachedCount: 10)
        try database.record(run)
        #expect(try database.syncRuns() == [run])

        let state = SyncState(
            watermark: SyncWatermark(systemModstamp: SalesforceTimestamp(millisecondsSinceEpoch: 5), id: CacheFixtures.id(1)),
            lastFullSyncAt: SalesforceTimestamp(millisecondsSinceEpoch: 6), checkpoint: "{}", instanceURL: "https://acme.my.salesforce.com")
        try database.saveSyncState(state)
        #expect(try database.syncState() == state)
    }
}
