import DealdeckCore
import GRDB

/// Migrations of the cache database: opportunities, their full-text index, sync state and log.
///
/// Append-only, like `AppSchema`. Timestamps are stored as integer milliseconds since the
/// epoch (exact, and they sort), dates as `yyyy-MM-dd` text (sorts like the date), money as
/// integer cents (exact), so no value goes through binary floating point.
enum CacheSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("cache-v1-opportunities") { db in
            try db.execute(sql: """
                CREATE TABLE opportunity (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    account_id TEXT,
                    account_name TEXT,
                    stage_name TEXT NOT NULL,
                    amount_cents INTEGER,
                    currency_iso_code TEXT,
                    close_date TEXT NOT NULL,
                    probability TEXT,
                    type TEXT,
                    lead_source TEXT,
                    next_step TEXT,
                    description TEXT,
                    forecast_category_name TEXT,
                    is_closed INTEGER NOT NULL,
                    is_won INTEGER NOT NULL,
                    owner_id TEXT NOT NULL,
                    owner_name TEXT,
                    owner_email TEXT,
                    created_date INTEGER NOT NULL,
                    last_modified_date INTEGER NOT NULL,
                    system_modstamp INTEGER NOT NULL,
                    deleted_at INTEGER,
                    synced_at INTEGER NOT NULL
                );
                CREATE INDEX opportunity_on_owner ON opportunity(owner_id) WHERE deleted_at IS NULL;
                CREATE INDEX opportunity_on_modstamp ON opportunity(system_modstamp, id);
                """)
            // One index per list ordering, holding only live rows (tombstones never list), with
            // the id as tie-break so paging through equal values is stable.
            let orderings = [
                ("name", "name COLLATE NOCASE"), ("account", "account_name COLLATE NOCASE"),
                ("stage", "stage_name COLLATE NOCASE"), ("amount", "amount_cents"), ("close", "close_date"),
                ("probability", "CAST(probability AS REAL)"), ("owner", "owner_name COLLATE NOCASE"),
                ("modified", "system_modstamp"), ("created", "created_date"),
            ]
            for (name, expression) in orderings {
                try db.execute(sql: "CREATE INDEX opportunity_list_by_\(name) ON opportunity(\(expression), id) WHERE deleted_at IS NULL")
            }
        }
        migrator.registerMigration("cache-v2-search") { db in
            // External-content FTS5 over the columns people search by; triggers keep it in step
            // with every insert, upsert and delete. remove_diacritics lets "societe" find "Société".
            try db.execute(sql: """
                CREATE VIRTUAL TABLE opportunity_fts USING fts5(
                    name, account_name, owner_name, stage_name, next_step,
                    content='opportunity', content_rowid='rowid',
                    tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER opportunity_fts_insert AFTER INSERT ON opportunity BEGIN
                    INSERT INTO opportunity_fts(rowid, name, account_name, owner_name, stage_name, next_step)
                    VALUES (new.rowid, new.name, new.account_name, new.owner_name, new.stage_name, new.next_step);
                END;
                CREATE TRIGGER opportunity_fts_delete AFTER DELETE ON opportunity BEGIN
                    INSERT INTO opportunity_fts(opportunity_fts, rowid, name, account_name, owner_name, stage_name, next_step)
                    VALUES ('delete', old.rowid, old.name, old.account_name, old.owner_name, old.stage_name, old.next_step);
                END;
                CREATE TRIGGER opportunity_fts_update AFTER UPDATE OF name, account_name, owner_name, stage_name, next_step ON opportunity BEGIN
                    INSERT INTO opportunity_fts(opportunity_fts, rowid, name, account_name, owner_name, stage_name, next_step)
                    VALUES ('delete', old.rowid, old.name, old.account_name, old.owner_name, old.stage_name, old.next_step);
                    INSERT INTO opportunity_fts(rowid, name, account_name, owner_name, stage_name, next_step)
                    VALUES (new.rowid, new.name, new.account_name, new.owner_name, new.stage_name, new.next_step);
                END;
                INSERT INTO opportunity_fts(opportunity_fts) VALUES ('rebuild');
                """)
        }
        migrator.registerMigration("cache-v3-sync") { db in
            try db.execute(sql: """
                CREATE TABLE sync_state (
                    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                    watermark_modstamp INTEGER,
                    watermark_id TEXT,
                    last_full_sync_at INTEGER,
                    last_success_at INTEGER,
                    last_deleted_check_at INTEGER,
                    checkpoint TEXT,
                    org_id TEXT,
                    instance_url TEXT
                );
                INSERT INTO sync_state(id) VALUES (1);
                CREATE TABLE sync_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at REAL NOT NULL,
                    ended_at REAL,
                    kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
                    new_count INTEGER NOT NULL DEFAULT 0,
                    updated_count INTEGER NOT NULL DEFAULT 0,
                    deleted_count INTEGER NOT NULL DEFAULT 0,
                    undeleted_count INTEGER NOT NULL DEFAULT 0,
                    api_calls INTEGER NOT NULL DEFAULT 0,
                    remote_count INTEGER,
                    cached_count INTEGER,
                    repaired INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    error_cause TEXT
                );
                """)
        }
        migrator.registerMigration("cache-v4-sync-sweep") { db in
            // The SELECT list the sync engine derived from describe, so incremental runs skip describe;
            // and the ID sweep's scratch table: Salesforce's live IDs, compared with the cache by
            // joins, which needs no agreement between Salesforce's ID order and SQLite's.
            try db.execute(sql: """
                ALTER TABLE sync_state ADD COLUMN select_list TEXT;
                CREATE TABLE sync_sweep_id (id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("cache-v5-sync-deferred-indexes") { db in
            // Secondary indexes a sync dropped for an initial load into an empty cache, with the
            // DDL to rebuild them: a killed load leaves the list here, and the next sync rebuilds them.
            try db.execute(sql: "CREATE TABLE sync_deferred_index (name TEXT NOT NULL PRIMARY KEY, sql TEXT NOT NULL)")
        }
        migrator.registerMigration("cache-v6-search-prefixes") { db in
            // Two-letter prefixes indexed on their own: FTS5 answers `"pi"*` by merging the row
            // lists of every indexed word starting with "pi" (40 ms over a million rows, per
            // keystroke); with the prefix index it is one list (11 ms). One-letter words are
            // common enough that the list finds them by walking (`AppDatabase.textFilteredPage`),
            // and longer prefixes match few words. The triggers name the table, so they carry on.
            try db.execute(sql: """
                DROP TABLE opportunity_fts;
                CREATE VIRTUAL TABLE opportunity_fts USING fts5(
                    name, account_name, owner_name, stage_name, next_step,
                    content='opportunity', content_rowid='rowid',
                    tokenize='unicode61 remove_diacritics 2', prefix='2'
                );
                INSERT INTO opportunity_fts(opportunity_fts) VALUES ('rebuild');
                """)
        }
        migrator.registerMigration("cache-v7-lean-indexes") { db in
            // Smaller indexes, built faster after an initial load and cheaper to keep in step:
            // - The list indexes break ties on the rowid, which every index entry holds anyway,
            //   instead of the 18-character id (a stable order all the same): at 100,000 rows
            //   their builds took 1.1 s instead of 1.4 s.
            // - Sorting by modification time walks `opportunity_on_modstamp` (the sync's cursor
            //   index, with its id tie-break): its list index held the same keys minus the
            //   tombstones, which are few and which the walk skips.
            // - The full-text index keeps no per-row column sizes (`columnsize=0`): they only
            //   serve ranking functions, which the list never uses (its order is a column), and
            //   writing them cost 15–25 % of a rebuild.
            // Indexes an interrupted initial load deferred get their new DDL for the next sync.
            let deferred = Set(try String.fetchAll(db, sql: "SELECT name FROM sync_deferred_index"))
            try db.execute(sql: """
                DROP INDEX IF EXISTS opportunity_list_by_modified;
                DELETE FROM sync_deferred_index WHERE name = 'opportunity_list_by_modified';
                """)
            for (name, sql) in CacheSchema.cacheV7ListIndexes {
                try replaceListIndex(name, with: sql, deferred: deferred, in: db)
            }
            try db.execute(sql: """
                DROP TABLE opportunity_fts;
                CREATE VIRTUAL TABLE opportunity_fts USING fts5(
                    name, account_name, owner_name, stage_name, next_step,
                    content='opportunity', content_rowid='rowid',
                    tokenize='unicode61 remove_diacritics 2', prefix='2', columnsize=0
                );
                """)
            // While its triggers are deferred, the next sync rebuilds the index anyway.
            if !deferred.contains("opportunity_fts_insert") {
                try db.execute(sql: "INSERT INTO opportunity_fts(opportunity_fts) VALUES ('rebuild')")
            }
        }
        migrator.registerMigration("cache-v8-case-folded-list-keys") { db in
            // The text orderings' indexes hold `lower(column)` under SQLite's binary collation
            // instead of the column under NOCASE: the same order (NOCASE and SQLite's lower()
            // both fold ASCII letters only), but SQLite's sorter compares binary text keys
            // with one memcmp, while a NOCASE key is decoded into a record for every comparison.
            // A 100,000-row initial load builds these four indexes 15–25 % faster. NULLs (no
            // account) become '', which sorts first as NULL did; Salesforce never stores an
            // empty name.
            let deferred = Set(try String.fetchAll(db, sql: "SELECT name FROM sync_deferred_index"))
            for ((name, old), (_, sql)) in zip(CacheSchema.cacheV7ListIndexes, CacheSchema.listIndexes) where old != sql {
                try replaceListIndex(name, with: sql, deferred: deferred, in: db)
            }
        }
        return migrator
    }

    /// Gives a list index a new definition: in place, or, while an interrupted initial load
    /// still defers it, in the DDL the next sync builds.
    private static func replaceListIndex(_ name: String, with sql: String, deferred: Set<String>, in db: Database) throws {
        if deferred.contains(name) {
            try db.execute(sql: "UPDATE sync_deferred_index SET sql = ? WHERE name = ?", arguments: [sql, name])
        } else {
            try db.execute(sql: "DROP INDEX IF EXISTS \(name)")
            try db.execute(sql: sql)
        }
    }

    /// The list orderings' indexes (name, DDL): live rows only (tombstones never list), ties
    /// broken by the rowid. Each indexes `OpportunityListSQL.sortExpression` over the bare
    /// columns, so SQLite reads a page straight from the index. Sorting by modification time
    /// walks `opportunity_on_modstamp` instead.
    static let listIndexes = listIndexDDL(
        OpportunitySortField.allCases.filter { $0 != .modified }.map { ($0.rawValue, OpportunityListSQL.sortExpression($0, columnsOf: "")) })

    /// The same indexes as cache-v7 made them, the text orderings under NOCASE.
    static let cacheV7ListIndexes = listIndexDDL([
        ("name", "name COLLATE NOCASE"), ("account", "account_name COLLATE NOCASE"),
        ("stage", "stage_name COLLATE NOCASE"), ("amount", "amount_cents"), ("close", "close_date"),
        ("probability", "CAST(probability AS REAL)"), ("owner", "owner_name COLLATE NOCASE"),
        ("created", "created_date"),
    ])

    private static func listIndexDDL(_ orderings: [(name: String, expression: String)]) -> [(name: String, sql: String)] {
        orderings.map { name, expression in
            ("opportunity_list_by_\(name)", "CREATE INDEX opportunity_list_by_\(name) ON opportunity(\(expression)) WHERE deleted_at IS NULL")
        }
    }
}
