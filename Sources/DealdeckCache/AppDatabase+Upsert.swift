import DealdeckCore
import GRDB
import GRDBSQLite

/// The one opportunity upsert: every write of records (a sync's pages, fixtures, tests) ends here.
///
/// It binds `OpportunityRows` values to SQLite straight from their packed bytes (no
/// `StatementArguments`, no `String` per column: at a sync's rate that boxing cost as much as
/// SQLite's own work), so it steps its statements through the SQLite C API and tells GRDB's
/// observers afterwards (`notifyChanges`), since GRDB does not see those steps.
extension AppDatabase {
    /// Upserts the rows, stamping `synced_at`. Counts follow the rows' previous state: a tombstone
    /// seen again keeps its first deletion time; a live row seen again with the same
    /// SystemModstamp is unchanged.
    ///
    /// `expectingNew` (an initial load) tries a plain insert first and looks a row up only when
    /// its ID is already cached: one primary-key search per row instead of two (the lookup and
    /// the upsert's conflict check); at 1,000,000 rows that took 1.3–2.0 CPU-s off the download.
    static func upsert(_ rows: OpportunityRows, syncedAt: Int64, expectingNew: Bool = false, in db: Database) throws -> UpsertSummary {
        var summary = UpsertSummary()
        guard !rows.isEmpty else { return summary }
        let lookup = try db.makeStatement(sql: "SELECT system_modstamp, deleted_at FROM opportunity WHERE id = ?")
        let upsert = try db.makeStatement(sql: OpportunityColumns.upsertSQL)
        let insert = expectingNew ? try db.makeStatement(sql: OpportunityColumns.insertSQL) : nil
        let connection = db.sqliteConnection
        let find = lookup.sqliteStatement
        let write = upsert.sqliteStatement
        let add = insert?.sqliteStatement
        defer {
            // The bindings point into `rows`; drop them before it can go away.
            sqlite3_clear_bindings(find)
            sqlite3_clear_bindings(write)
            if let add { sqlite3_clear_bindings(add) }
        }
        try rows.text.withUnsafeBytes { text throws in
            let binder = ValueBinder(text: text)
            let deletedAtIndex = Int32(OpportunityRows.columnCount + 1)
            func bind(row: Int, deletedAt: Int64?, to statement: SQLiteStatement) throws {
                for column in OpportunityRows.Column.allCases {
                    try binder.bind(rows.value(column, row: row), to: statement, at: Int32(column.rawValue + 1))
                }
                try binder.bind(deletedAt.map(OpportunityRows.Value.integer) ?? .null, to: statement, at: deletedAtIndex)
                try binder.bind(.integer(syncedAt), to: statement, at: deletedAtIndex + 1)
            }
            for row in 0..<rows.count {
                if let add, let insert {
                    sqlite3_reset(add)
                    let isDeleted = rows.isDeleted(row: row)
                    try bind(row: row, deletedAt: isDeleted ? rows.modstamp(row: row) : nil, to: add)
                    let code = sqlite3_step(add)
                    if code == SQLITE_DONE {
                        if isDeleted { summary.deleted += 1 } else { summary.inserted += 1 }
                        continue
                    }
                    // The failed insert undid itself; a cached ID takes the upsert below, which
                    // reports any other constraint failure itself.
                    sqlite3_reset(add)
                    guard code & 0xff == SQLITE_CONSTRAINT else { throw Self.sqliteError(code, connection, insert.sql) }
                }

                // The row's previous state.
                sqlite3_reset(find)
                try binder.bind(rows.value(.id, row: row), to: find, at: 1)
                var previous: (modstamp: Int64, deletedAt: Int64?)?
                switch sqlite3_step(find) {
                case SQLITE_ROW:
                    previous = (sqlite3_column_int64(find, 0), sqlite3_column_type(find, 1) == SQLITE_NULL ? nil : sqlite3_column_int64(find, 1))
                case SQLITE_DONE:
                    previous = nil
                case let code:
                    throw Self.sqliteError(code, connection, lookup.sql)
                }

                let modstamp = rows.modstamp(row: row)
                let deletedAt: Int64?
                if rows.isDeleted(row: row) {
                    if let kept = previous?.deletedAt {
                        summary.unchanged += 1
                        deletedAt = kept
                    } else {
                        summary.deleted += 1
                        deletedAt = modstamp
                    }
                } else {
                    deletedAt = nil
                    switch previous {
                    case nil: summary.inserted += 1
                    case let state? where state.deletedAt != nil: summary.undeleted += 1
                    case let state? where state.modstamp == modstamp: summary.unchanged += 1
                    default: summary.updated += 1
                    }
                }
                sqlite3_reset(write)
                try bind(row: row, deletedAt: deletedAt, to: write)
                let code = sqlite3_step(write)
                guard code == SQLITE_DONE else { throw Self.sqliteError(code, connection, upsert.sql) }
            }
        }
        sqlite3_reset(find)
        sqlite3_reset(write)
        if let add { sqlite3_reset(add) }
        try db.notifyChanges(in: Table("opportunity"))
        return summary
    }

    private static func sqliteError(_ code: Int32, _ connection: SQLiteConnection?, _ sql: String) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }

    /// Binds `OpportunityRows` values; text is bound in place (SQLITE_STATIC), which is safe
    /// because the statements are reset and their bindings cleared before `text` goes away.
    private struct ValueBinder {
        let text: UnsafeRawBufferPointer

        /// - Throws: when SQLite refuses the value (a text beyond its length limit): a reset
        ///   statement keeps its old bindings, so carrying on would write the previous row's value.
        func bind(_ value: OpportunityRows.Value, to statement: SQLiteStatement, at index: Int32) throws {
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(statement, index)
            case .integer(let integer):
                code = sqlite3_bind_int64(statement, index, integer)
            case .text(let start, let count):
                if count > Int(Int32.max) {
                    code = SQLITE_TOOBIG
                } else if count > 0, let base = text.baseAddress {
                    code = sqlite3_bind_text(statement, index, (base + start).assumingMemoryBound(to: CChar.self), Int32(count), nil)
                } else {
                    // An empty text is '' (not NULL, which a nil pointer would bind); SQLite copies nothing.
                    code = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind parameter \(index)")
            }
        }

        static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }
}
