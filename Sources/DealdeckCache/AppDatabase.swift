import DealdeckCore
import Foundation
import GRDB

/// The local cache: one value over a GRDB writer.
///
/// Opportunity data (records, full-text index, sync state and log) lives in the main database:
/// `cache.sqlite`, or memory only when "cache data locally" is off, so no opportunity data
/// touches disk. People data (app users and memberships) lives in `app.sqlite`, always on disk,
/// attached to every connection as the schema `app`, so switching caching off loses nothing.
public struct AppDatabase: Sendable {
    /// The GRDB writer: a `DatabasePool` (WAL, concurrent reads) on disk, a queue in memory.
    public let writer: any DatabaseWriter
    /// Where the cache lives, or nil when it is in memory.
    public let cachePath: String?
    public let appPath: String

    /// How long a connection waits for another process's write lock before failing. A TUI and a
    /// cron `dealdeck sync` share the cache; sync writes are short page transactions.
    static let busyTimeout: TimeInterval = 10

    /// The page size of a new cache; an existing one keeps its own (changing it takes a VACUUM
    /// outside WAL mode). 16 KB rather than SQLite's 4 KB: after an initial load each of the ten
    /// secondary index builds scans the whole table, and the load writes every page through the
    /// log and again into the file, all page by page. Measured at 100,000 rows on 2 cores
    /// (alternating runs): index builds 3.2–3.6 → 2.7–3.0 CPU-s, download 1.3–1.5 → 1.15–1.35
    /// CPU-s; at 1,000,000 the index builds 43 → 40 CPU-s; the UI benchmark's keystrokes at
    /// 1,000,000 rows unchanged within the noise.
    static let cachePageSize = 16384

    /// Each connection's page cache (a sync's writer takes more, see `prepareForSync`): 8 MB,
    /// the 512 pages SQLite's default of 2 MB held when a page was 4 KB. With 16 KB pages and
    /// the default, lists of a million rows painted and filtered 5–10 ms slower.
    static let readerCacheKibibytes = 8192

    /// Opens (creating and migrating when needed) the cache and the people database.
    /// - Parameters:
    ///   - cachePath: the cache file, or nil to keep opportunity data in memory only.
    ///   - appPath: the people database file.
    public static func open(cachePath: String?, appPath: String) throws(CacheError) -> AppDatabase {
        do {
            try migrateAppDatabase(at: appPath)
        } catch {
            throw CacheError.classify(error, path: appPath)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA main.page_size = \(cachePageSize)")
            try db.execute(sql: "PRAGMA main.cache_size = -\(readerCacheKibibytes)")
            try db.execute(sql: "ATTACH DATABASE ? AS app", arguments: [appPath])
        }
        do {
            let writer: any DatabaseWriter
            if let cachePath {
                writer = try DatabasePool(path: cachePath, configuration: configuration)
            } else {
                writer = try DatabaseQueue(configuration: configuration)
            }
            try CacheSchema.migrator.migrate(writer)
            if let cachePath { try FilePermissions.restrict(cachePath) }
            return AppDatabase(writer: writer, cachePath: cachePath, appPath: appPath)
        } catch {
            throw CacheError.classify(error, path: cachePath ?? appPath)
        }
    }

    private static func migrateAppDatabase(at path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            // WAL lets the TUI read people while a sync or an admin command writes.
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        try AppSchema.migrator.migrate(queue)
        try queue.close()
        try FilePermissions.restrict(path)
    }

    /// Reads inside one consistent snapshot, translating GRDB errors.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(CacheError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw CacheError.classify(error, path: cachePath ?? appPath)
        }
    }

    /// Writes inside one transaction, translating GRDB errors.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(CacheError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw CacheError.classify(error, path: cachePath ?? appPath)
        }
    }
}
