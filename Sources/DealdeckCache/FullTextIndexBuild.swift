import Foundation
import GRDB

/// The full-text index of an initial load, built in a file of its own by a second connection
/// while the writer builds the list indexes, then copied into the cache in one transaction.
///
/// Why: SQLite has one writer per file, so in the cache the list indexes and the FTS5 `rebuild`
/// follow each other (at 1,000,000 rows some 11 s and 6–10 s). Another file has another writer:
/// a contentless FTS5 table there, fed from the cache's committed rows (a WAL reader never waits
/// for the writer), runs on the second core. FTS5 keeps its index in ordinary shadow tables
/// whose rows do not depend on where the indexed text is stored, so the contentless table's
/// `_data`, `_idx` and `_config` rows are a valid index for the cache's external-content table;
/// copying them takes half a second at 1,000,000 rows. FTS5's `integrity-check` compares the
/// result with the cache's rows (see the tests).
///
/// The copy happens on this connection, not the cache's writer: FTS5 caches its index
/// structure per connection and reloads it when another connection has committed
/// (`PRAGMA data_version`), which a copy by the writer itself would not be.
///
/// The rows indexed must be the rows installed beside: only the sync writes the opportunity
/// table, under the sync lock, and it waits for the index builds. As a guard, installing
/// compares the row count and the highest rowid with what the build read, and refuses (the
/// caller then rebuilds in place) when they differ.
final class FullTextIndexBuild: Sendable {
    enum Refusal: Error, CustomStringConvertible {
        case unexpectedDefinition(String)
        case shadowTablesDiffer(cache: [String], build: [String])
        case rowsChanged

        var description: String {
            switch self {
            case .unexpectedDefinition(let sql): return "the full-text table is not an external-content FTS5 table over opportunity: \(sql)"
            case .shadowTablesDiffer(let cache, let build): return "the full-text tables differ (cache \(cache), build \(build))"
            case .rowsChanged: return "opportunities changed while the full-text index was being built"
            }
        }
    }

    private struct Fingerprint: Equatable, Sendable {
        let rows: Int
        let highestRowID: Int64
    }

    static let table = "opportunity_fts"
    /// How much indexed text FTS5 gathers in memory before writing it out as a segment (its
    /// `hashsize`, 1 MB by default): fewer, larger segments leave less merging. Building
    /// 1,000,000 rows took 9.0 s with the default and 6.2 s with 8 MB (16–32 MB: 5.9–6.0 s);
    /// 100,000 rows 0.55 → 0.35–0.47 s. The setting is copied into the cache with the other
    /// `_config` rows and holds there too, where only a sync's page transactions write.
    static let pendingBytes = 8 << 20
    static let externalContent = "content='opportunity', content_rowid='rowid'"

    private let connection: DatabaseQueue
    private let buildPath: String
    private let fingerprint: Fingerprint
    private let shadowTables: [String]

    private init(connection: DatabaseQueue, buildPath: String, fingerprint: Fingerprint, shadowTables: [String]) {
        self.connection = connection
        self.buildPath = buildPath
        self.fingerprint = fingerprint
        self.shadowTables = shadowTables
    }

    /// Where the build for `cachePath` is written; a killed process may leave it behind, and the
    /// next sync removes it (`AppDatabase.removeLeftoverFullTextIndexBuild()`), as does the next build.
    static func buildPath(for cachePath: String) -> String { cachePath + ".fts-build" }

    /// Indexes every row of the cache's opportunity table (one read snapshot) into a fresh
    /// build file. The caller must `discard()` the result.
    static func build(cachePath: String) async throws -> FullTextIndexBuild {
        let buildPath = buildPath(for: cachePath)
        removeFiles(at: buildPath)
        var configuration = Configuration()
        configuration.busyMode = .timeout(AppDatabase.busyTimeout)
        let connection = try DatabaseQueue(path: cachePath, configuration: configuration)
        do {
            let (fingerprint, shadowTables) = try await connection.writeWithoutTransaction { db in
                guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) else {
                    throw Refusal.unexpectedDefinition("(missing)")
                }
                let creation = "CREATE VIRTUAL TABLE \(table) USING fts5("
                guard sql.hasPrefix(creation), sql.contains(externalContent) else { throw Refusal.unexpectedDefinition(sql) }
                let contentless = "CREATE VIRTUAL TABLE fts_build.\(table) USING fts5("
                    + sql.dropFirst(creation.count).replacingOccurrences(of: externalContent, with: "content=''")

                try db.execute(sql: "ATTACH DATABASE ? AS fts_build", arguments: [buildPath])
                try FilePermissions.restrict(buildPath)
                // A scratch file, removed after use: nothing to journal or to sync to disk. Its
                // pages are as large as those of the cache it is copied into.
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA main.page_size") ?? AppDatabase.cachePageSize
                try db.execute(sql: """
                    PRAGMA fts_build.page_size = \(pageSize);
                    PRAGMA fts_build.journal_mode = OFF;
                    PRAGMA fts_build.synchronous = OFF;
                    PRAGMA fts_build.cache_size = -65536;
                    """)
                try db.execute(sql: contentless)
                try db.execute(sql: "INSERT INTO fts_build.\(table)(\(table), rank) VALUES ('hashsize', \(Self.pendingBytes))")
                let cacheShadows = try shadowTableNames(in: "main", db)
                let buildShadows = try shadowTableNames(in: "fts_build", db)
                guard cacheShadows == buildShadows else { throw Refusal.shadowTablesDiffer(cache: cacheShadows, build: buildShadows) }

                let columns = try Row.fetchAll(db, sql: "PRAGMA fts_build.table_info(\(table))")
                    .map { ($0["name"] as String).quotedDatabaseIdentifier }.joined(separator: ", ")
                var fingerprint = Fingerprint(rows: 0, highestRowID: 0)
                try db.inTransaction(.deferred) {
                    try db.execute(sql: "INSERT INTO fts_build.\(table)(rowid, \(columns)) SELECT rowid, \(columns) FROM main.opportunity")
                    fingerprint = try currentFingerprint(db)
                    return .commit
                }
                return (fingerprint, cacheShadows)
            }
            return FullTextIndexBuild(connection: connection, buildPath: buildPath, fingerprint: fingerprint, shadowTables: shadowTables)
        } catch {
            try? connection.close()
            removeFiles(at: buildPath)
            throw error
        }
    }

    /// In one transaction of the cache: replaces the full-text index with the built one and
    /// creates the triggers that keep it in step from now on (forgetting them as deferred).
    func install(triggers: [(name: String, sql: String)]) async throws {
        try await connection.writeWithoutTransaction { [fingerprint, shadowTables] db in
            try db.inTransaction(.immediate) {
                guard try Self.currentFingerprint(db) == fingerprint else { throw Refusal.rowsChanged }
                for (name, sql) in triggers { try AppDatabase.recreateDeferred("trigger", name: name, sql: sql, in: db) }
                for shadow in shadowTables {
                    let quoted = shadow.quotedDatabaseIdentifier
                    try db.execute(sql: "DELETE FROM main.\(quoted)")
                    try db.execute(sql: "INSERT INTO main.\(quoted) SELECT * FROM fts_build.\(quoted)")
                }
                return .commit
            }
        }
    }

    /// Closes the second connection and removes the build file.
    func discard() {
        try? connection.close()
        Self.removeFiles(at: buildPath)
    }

    private static func currentFingerprint(_ db: Database) throws -> Fingerprint {
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), IFNULL(MAX(rowid), 0) FROM main.opportunity")
        return Fingerprint(rows: row?[0] ?? 0, highestRowID: row?[1] ?? 0)
    }

    private static func shadowTableNames(in schema: String, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT name FROM \(schema).sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\' ORDER BY name",
            arguments: [table.replacingOccurrences(of: "_", with: "\\_") + "\\_%"])
    }

    /// Removes the build file and its side files; only files, never a directory someone put there.
    static func removeFiles(at path: String) {
        for candidate in [path, path + "-journal", path + "-wal", path + "-shm"] {
            let type = (try? FileManager.default.attributesOfItem(atPath: candidate))?[.type] as? FileAttributeType
            if type == .typeRegular { try? FileManager.default.removeItem(atPath: candidate) }
        }
    }
}
