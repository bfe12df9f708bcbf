@testable import DealdeckCache
import DealdeckCore
import Foundation
import GRDB
import Testing

/// The background checkpointer copies committed pages into the cache file while the writer
/// goes on, so the file grows during a sync instead of at its end.
@Suite struct WALCheckpointerTests {
    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Whether the file at `path` grows by more than 500 kB beyond `size` within `attempts`
    /// looks 20 ms apart.
    private static func fileGrows(_ path: String, beyond size: Int, attempts: Int) async throws -> Bool {
        for _ in 0..<attempts {
            try await Task.sleep(for: .milliseconds(20))
            if fileSize(path) > size + 500_000 { return true }
        }
        return false
    }

    @Test(arguments: [4096, AppDatabase.cachePageSize])
    func aSyncsWriterCopiesTheLogEvery256MegabytesWhateverThePageSize(pageSize: Int) async throws {
        let directory = CacheFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let queue = try DatabaseQueue(path: directory + "/cache.sqlite")
        try await queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA page_size = \(pageSize); VACUUM") }
        try queue.close()
        let database = try CacheFixtures.openOnDisk(directory)
        try await database.prepareForSync()
        let (pages, size) = try await database.writer.writeWithoutTransaction { db in
            (try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"), try Int.fetchOne(db, sql: "PRAGMA main.page_size"))
        }
        #expect(size == pageSize)
        #expect(pages.map { $0 * pageSize } == 256 << 20)
    }

    @Test func committedPagesReachTheDatabaseFileWhileTheCacheStaysOpen() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try CacheFixtures.openOnDisk(directory)
        try await database.prepareForSync()
        let path = directory + "/cache.sqlite"
        // Without the checkpointer the writer copies nothing below 256 MB of log.
        try database.upsert((1...2000).map { CachedRecord(CacheFixtures.opportunity($0, name: "Deal \($0) " + String(repeating: "x", count: 200))) })
        let before = Self.fileSize(path)
        #expect(Self.fileSize(path + "-wal") > 500_000)

        let checkpointer = try #require(database.startBackgroundCheckpoints())
        try database.upsert((2001...4000).map { CachedRecord(CacheFixtures.opportunity($0, name: "Deal \($0) " + String(repeating: "y", count: 200))) })
        let grown = try await Self.fileGrows(path, beyond: before, attempts: 200)
        checkpointer.stop()
        checkpointer.stop()
        #expect(grown, "the database file stayed at \(Self.fileSize(path)) bytes")
        #expect(try database.opportunityCounts().live == 4000)
        let integrity = try await database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }

    @Test func aCheckpointerWithAThresholdWaitsUntilTheLogPassesIt() async throws {
        let directory = CacheFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try CacheFixtures.openOnDisk(directory)
        try await database.prepareForSync()
        let path = directory + "/cache.sqlite"
        let threshold = 16 << 20
        let checkpointer = try #require(database.startBackgroundCheckpoints(aboveLogBytes: threshold))
        defer { checkpointer.stop() }
        var written = 0
        func write(_ count: Int) throws {
            try database.upsert((written + 1...written + count).map {
                CachedRecord(CacheFixtures.opportunity($0, name: "Deal \($0) " + String(repeating: "x", count: 400)))
            })
            written += count
        }
        try write(1000)
        let before = Self.fileSize(path)
        let log = Self.fileSize(path + "-wal")
        #expect(log > 500_000 && log < threshold)
        #expect(try await !Self.fileGrows(path, beyond: before, attempts: 100), "copied a log of \(log) bytes, under the threshold")

        while Self.fileSize(path + "-wal") <= threshold && written < 100_000 { try write(2000) }
        #expect(try await Self.fileGrows(path, beyond: before, attempts: 100), "the database file stayed at \(Self.fileSize(path)) bytes")
        checkpointer.stop()
        #expect(try database.opportunityCounts().live == written)
    }

    @Test func anInMemoryCacheHasNoLogToCopy() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        #expect(database.startBackgroundCheckpoints() == nil)
    }
}
