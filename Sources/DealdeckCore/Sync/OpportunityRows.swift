/// Opportunity rows in the cache's own encoding (money as integer cents, timestamps as epoch
/// milliseconds, dates and IDs as text, booleans as 0/1), packed for a sync's write path.
///
/// Why packed: a sync writes every record once, and building an `Opportunity` with a dozen
/// `String`s and then a statement argument per column cost more than SQLite's own work. Here
/// every text value of a chunk lives in one byte array and each row is a fixed run of
/// `Value`s (plain data, no reference counting), so a Bulk API chunk goes from CSV bytes to
/// bound statement parameters without a Swift object per field.
public struct OpportunityRows: Sendable {
    /// The cache's opportunity columns, in its `INSERT` order (`deleted_at` and `synced_at`
    /// are decided when the rows are written).
    public enum Column: Int, CaseIterable, Sendable {
        case id, name, accountId, accountName, stageName, amountCents, currencyIsoCode, closeDate, probability, type
        case leadSource, nextStep, description, forecastCategoryName, isClosed, isWon, ownerId, ownerName, ownerEmail
        case createdDate, lastModifiedDate, systemModstamp
    }

    public static let columnCount = Column.allCases.count

    /// One value: text is a range of `text`.
    public enum Value: Equatable, Sendable {
        case null
        case text(start: Int, count: Int)
        case integer(Int64)
    }

    /// The UTF-8 bytes of every text value.
    public private(set) var text: [UInt8] = []
    /// `columnCount` values per row.
    public private(set) var values: [Value] = []
    private var deletedFlags: [Bool] = []

    public init() {}

    /// Rows in this batch.
    public var count: Int { deletedFlags.count }
    public var isEmpty: Bool { deletedFlags.isEmpty }

    public func value(_ column: Column, row: Int) -> Value { values[row * Self.columnCount + column.rawValue] }

    /// Whether Salesforce has the row's record in its recycle bin (it becomes a tombstone).
    public func isDeleted(row: Int) -> Bool { deletedFlags[row] }

    /// The row's SystemModstamp in epoch milliseconds.
    public func modstamp(row: Int) -> Int64 {
        guard case .integer(let milliseconds) = value(.systemModstamp, row: row) else { return 0 }
        return milliseconds
    }

    /// The text of a `.text` value (nil for any other), for tests and error messages.
    public func string(_ column: Column, row: Int) -> String? {
        guard case .text(let start, let count) = value(column, row: row) else { return nil }
        return String(decoding: text[start..<(start + count)], as: UTF8.self)
    }

    /// The newest SystemModstamp of the batch.
    public var newestModstamp: SalesforceTimestamp? {
        (0..<count).lazy.map(modstamp(row:)).max().map(SalesforceTimestamp.init(millisecondsSinceEpoch:))
    }

    // MARK: - Building

    /// Starts a row with every column null; set columns, then `endRow`.
    public mutating func beginRow() {
        // Appending an array is a copy; a `repeatElement` sequence went value by value.
        values.append(contentsOf: Self.nullRow)
    }

    private static let nullRow = [Value](repeating: .null, count: columnCount)

    /// Sets a column of the row being built to text already valid UTF-8 (the caller checks).
    public mutating func setText(_ column: Column, utf8 bytes: UnsafeRawBufferPointer) {
        let start = text.count
        // Typed, so the append is one copy (a raw buffer is appended byte by byte).
        text.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
        values[values.count - Self.columnCount + column.rawValue] = .text(start: start, count: bytes.count)
    }

    public mutating func setText(_ column: Column, _ string: String) {
        var string = string
        string.withUTF8 { setText(column, utf8: UnsafeRawBufferPointer($0)) }
    }

    public mutating func setInteger(_ column: Column, _ integer: Int64) {
        values[values.count - Self.columnCount + column.rawValue] = .integer(integer)
    }

    public mutating func setNull(_ column: Column) {
        values[values.count - Self.columnCount + column.rawValue] = .null
    }

    public mutating func endRow(isDeleted: Bool) {
        deletedFlags.append(isDeleted)
    }

    /// Room for this many bytes of text (a CSV chunk's size bounds its text).
    public mutating func reserveTextCapacity(_ bytes: Int) {
        text.reserveCapacity(bytes)
    }

    /// Room for this many rows. A chunk's rows grow its values by doubling otherwise: every
    /// doubling copies them into fresh memory, which the kernel has to fault in page by page.
    public mutating func reserveRowCapacity(_ rows: Int) {
        values.reserveCapacity(rows * Self.columnCount)
        deletedFlags.reserveCapacity(rows)
    }
}
