@testable import DealdeckCache
import DealdeckCore
import Foundation
import GRDB
import Testing

/// The full-text index of an initial load is built beside the list indexes in a file of its own
/// and copied in; it must be exactly the index an in-place rebuild gives, stay in step through
/// the triggers afterwards, and fall back to the in-place rebuild whenever it cannot be used.
@Suite struct FullTextIndexBuildTests {
    private static func loadDeferred(_ database: AppDatabase, rows: Int) async throws {
        try await database.prepareForSync()
        try await database.deferIndexesForInitialLoad()
        try database.upsert((1...rows).map { CachedRecord(CacheFixtures.opportunity($0, name: "Deal \($0) initech", nextStep: $0 % 3 == 0 ? "Call Zoë" : nil)) })
    }

    private static func searchCount(_ database: AppDatabase, _ text: String) throws -> Int {
        try database.count(OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: text), today: CacheFixtures.today()))
    }

    /// FTS5 compares its index with the rows of its content table; throws on any difference.
    private static func checkIntegrity(_ database: AppDatabase) throws {
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO opportunity_fts(opportunity_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func builtAlongsideTheIndexIsCompleteAndTheTriggersKeepItInStep() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        let database = try CacheFixtures.openOnDisk(directory)
        // The writer has used the (empty) full-text index before: its cached structure must not
        // outlive the copy made by the other connection.
        #expect(try Self.searchCount(database, "initech") == 0)
        try await Self.loadDeferred(database, rows: 3000)

        #expect(try await database.restoreDeferredIndexes() == .builtAlongside)

        #expect(try await !database.hasDeferredIndexes())
        try Self.checkIntegrity(database)
        #expect(try Self.searchCount(database, "initech") == 3000)
        #expect(try Self.searchCount(database, "zoe") == 1000, "diacritics folded as by the cache's own table")
        #expect(try Self.searchCount(database, "de") == 3000, "two-letter prefixes come from the prefix index")
        #expect(!FileManager.default.fileExists(atPath: FullTextIndexBuild.buildPath(for: directory + "/cache.sqlite")))
        let pending = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT v FROM opportunity_fts_config WHERE k = 'hashsize'") }
        #expect(pending == FullTextIndexBuild.pendingBytes, "built with FTS5 gathering 8 MB before writing a segment")

        try database.upsert([CachedRecord(CacheFixtures.opportunity(3001, name: "Deal 3001 initech globex"))])
        try database.upsert([CachedRecord(CacheFixtures.opportunity(7, name: "Renamed globex"))])
        try Self.checkIntegrity(database)
        #expect(try Self.searchCount(database, "initech") == 3000)
        #expect(try Self.searchCount(database, "globex") == 2)
    }

    @Test func aCacheInMemoryRebuildsInPlace() async throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try await Self.loadDeferred(database, rows: 300)
        #expect(try await database.restoreDeferredIndexes() == .rebuiltInPlace(reason: "the cache is in memory"))
        try Self.checkIntegrity(database)
        #expect(try Self.searchCount(database, "initech") == 300)
    }

    @Test func aBuildThatCannotRunFallsBackAndLeavesWhatIsInItsPlace() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        let database = try CacheFixtures.openOnDisk(directory)
        let blocked = FullTextIndexBuild.buildPath(for: directory + "/cache.sqlite")
        try FileManager.default.createDirectory(atPath: blocked + "/kept", withIntermediateDirectories: true)
        try await Self.loadDeferred(database, rows: 300)

        let result = try await database.restoreDeferredIndexes()
        guard case .rebuiltInPlace(let reason) = result else {
            Issue.record("expected an in-place rebuild, got \(result)")
            return
        }
        #expect(reason.hasPrefix("building it failed"))
        try Self.checkIntegrity(database)
        #expect(try Self.searchCount(database, "initech") == 300)
        #expect(FileManager.default.fileExists(atPath: blocked + "/kept"))
    }

    @Test func rowsWrittenAfterTheBuildReadThemAreNotInstalledOver() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        let database = try CacheFixtures.openOnDisk(directory)
        try await Self.loadDeferred(database, rows: 300)
        let build = try await FullTextIndexBuild.build(cachePath: directory + "/cache.sqlite")
        defer { build.discard() }
        try database.upsert([CachedRecord(CacheFixtures.opportunity(301, name: "Late initech"))])
        let indexRecords = "SELECT COUNT(*) FROM opportunity_fts_data"
        let before = try await database.writer.read { db in try Int.fetchOne(db, sql: indexRecords) }

        await #expect(throws: FullTextIndexBuild.Refusal.self) { try await build.install(triggers: []) }
        let after = try await database.writer.read { db in try Int.fetchOne(db, sql: indexRecords) }
        #expect(after == before, "the refused install copied nothing")
    }

    @Test func aLeftoverBuildFileFromAKilledRunIsReplaced() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        let database = try CacheFixtures.openOnDisk(directory)
        let leftover = FullTextIndexBuild.buildPath(for: directory + "/cache.sqlite")
        try Data("half a build".utf8).write(to: URL(fileURLWithPath: leftover))
        try await Self.loadDeferred(database, rows: 300)

        #expect(try await database.restoreDeferredIndexes() == .builtAlongside)
        try Self.checkIntegrity(database)
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }
}
