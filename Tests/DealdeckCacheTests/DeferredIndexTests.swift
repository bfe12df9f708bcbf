@testable import DealdeckCache
import DealdeckCore
import Foundation
import GRDB
import Testing

/// An initial load drops the opportunity table's indexes and full-text triggers, then builds
/// them back with the sorter tuned for it; the connection must come out as it went in.
@Suite struct DeferredIndexTests {
    @Test func indexesComeBackAndTheSorterSettingsAreRestored() async throws {
        let database = try CacheFixtures.openOnDisk(CacheFixtures.temporaryDirectory())
        try await database.prepareForSync()
        let schema = "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'opportunity' AND sql IS NOT NULL ORDER BY name"
        let before = try database.writer.read { db in try Row.fetchAll(db, sql: schema) }
        let settings = "SELECT (SELECT threads FROM pragma_threads), (SELECT cache_size FROM pragma_cache_size)"
        let settingsBefore = try database.writer.write { db in
            // A value other than the builds' own, so restoring it shows.
            _ = try Int.fetchOne(db, sql: "PRAGMA threads = 2")
            return try Row.fetchOne(db, sql: settings)
        }
        #expect(settingsBefore?[0] as Int? == 2)

        try await database.deferIndexesForInitialLoad()
        #expect(try await database.hasDeferredIndexes())
        try database.upsert((1...200).map { CachedRecord(CacheFixtures.opportunity($0, name: "Deal \($0) initech")) })
        try await database.restoreDeferredIndexes()

        #expect(try await !database.hasDeferredIndexes())
        let after = try database.writer.read { db in try Row.fetchAll(db, sql: schema) }
        #expect(after == before)
        let settingsAfter = try database.writer.write { db in try Row.fetchOne(db, sql: settings) }
        #expect(settingsAfter == settingsBefore)
        #expect(settingsAfter?[1] as Int? == -65536)
        let search = OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: "initech"), today: CacheFixtures.today())
        #expect(try database.count(search) == 200, "the full-text index covers the rows written while it was dropped")
    }

    @Test func sortRunsHoldHalfAnIndexBetweenOneAndEightMegabytesWithoutWorkerThreads() {
        #expect(AppDatabase.indexBuildSorter(rows: 0).cacheKibibytes == 1024)
        #expect(AppDatabase.indexBuildSorter(rows: 10_000_000).cacheKibibytes == 8192)
        #expect(AppDatabase.indexBuildSorter(rows: 100_000).cacheKibibytes == 3125)
        for rows in [0, 100_000, 10_000_000] { #expect(AppDatabase.indexBuildSorter(rows: rows).threads == 0) }
    }
}
