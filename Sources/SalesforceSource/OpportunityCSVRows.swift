import DealdeckCore
import SalesforceAPI
import SyncEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a Bulk API CSV chunk straight into `OpportunityRows`, the form the cache writes, with
/// no `String` or `Opportunity` per record: an initial load is millions of fields, and building
/// those objects cost more than SQLite's own work.
///
/// Each value takes a fast path over its bytes when it has the usual shape (text that is valid
/// UTF-8 without NUL, an exact 18-character ID, a plain number); anything else goes through
/// the very conversion REST records use (`OpportunityRecordMapping.Fields`), so both paths
/// store the same values for the same input.
struct OpportunityCSVRows: CSVVisitor {
    private(set) var rows = OpportunityRows()
    /// The field each column holds (nil: a column Dealdeck does not read).
    private var keys: [OpportunityRecordMapping.Key?] = []
    private var readingHeader = true
    private var column = 0
    private var isDeleted = false
    private var probabilities = RepeatedValues()

    /// The rows of one CSV chunk (its header row names the columns).
    /// - Throws: `CSVReader.Failure` for text that is not CSV; `SourceError` MALFORMED_RECORD
    ///   for a record without a readable Id, Name, StageName, CloseDate, OwnerId or timestamp.
    @Sendable static func read(_ bytes: UnsafeRawBufferPointer) throws -> OpportunityRows {
        var reader = OpportunityCSVRows()
        reader.rows.reserveTextCapacity(bytes.count)
        reader.rows.reserveRowCapacity(lineBreaks(in: bytes))
        try CSVReader.scan(bytes, into: &reader)
        return reader.rows
    }

    /// Line feeds in `bytes`: one per record (the header's is the final line's, which has
    /// none), plus those inside quoted values, so never fewer than the records.
    static func lineBreaks(in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var position = base
        let end = base + bytes.count
        while position < end, let found = memchr(position, 0x0A, end - position) {
            count += 1
            position = UnsafeRawPointer(found) + 1
        }
        return count
    }

    mutating func field(_ bytes: UnsafeRawBufferPointer, quoted: Bool) throws {
        defer { column += 1 }
        if readingHeader {
            keys.append(OpportunityRecordMapping.Key(apiName: String(decoding: bytes, as: UTF8.self)))
            return
        }
        if column == 0 { beginRow() }
        guard column < keys.count, let key = keys[column] else { return }
        // Salesforce writes a null as an empty unquoted field.
        let isNull = !quoted && bytes.isEmpty
        switch key {
        case .id: setID(.id, bytes, isNull: isNull)
        case .accountId: setID(.accountId, bytes, isNull: isNull)
        case .ownerId: setID(.ownerId, bytes, isNull: isNull)
        case .name: setText(.name, bytes, isNull: isNull)
        case .accountName: setText(.accountName, bytes, isNull: isNull)
        case .stageName: setText(.stageName, bytes, isNull: isNull)
        case .currencyIsoCode: setText(.currencyIsoCode, bytes, isNull: isNull)
        case .type: setText(.type, bytes, isNull: isNull)
        case .leadSource: setText(.leadSource, bytes, isNull: isNull)
        case .nextStep: setText(.nextStep, bytes, isNull: isNull)
        case .description: setText(.description, bytes, isNull: isNull)
        case .forecastCategoryName: setText(.forecastCategoryName, bytes, isNull: isNull)
        case .ownerName: setText(.ownerName, bytes, isNull: isNull)
        case .ownerEmail: setText(.ownerEmail, bytes, isNull: isNull)
        // A nested relationship object never arrives as a CSV column; a column so named is no object.
        case .account: rows.setNull(.accountName)
        case .owner:
            rows.setNull(.ownerName)
            rows.setNull(.ownerEmail)
        case .closeDate: setDate(bytes, isNull: isNull)
        case .amount: setAmount(bytes, isNull: isNull)
        case .probability: setProbability(bytes, isNull: isNull)
        case .isClosed: rows.setInteger(.isClosed, Self.isTrue(bytes) ? 1 : 0)
        case .isWon: rows.setInteger(.isWon, Self.isTrue(bytes) ? 1 : 0)
        case .isDeleted: isDeleted = Self.isTrue(bytes)
        case .createdDate: setTimestamp(.createdDate, bytes)
        case .lastModifiedDate: setTimestamp(.lastModifiedDate, bytes)
        case .systemModstamp: setTimestamp(.systemModstamp, bytes)
        }
    }

    mutating func endRecord() throws {
        defer { column = 0 }
        if readingHeader {
            readingHeader = false
            return
        }
        let row = rows.count
        // Checked for every record, so no array is built unless one is missing.
        for (column, _) in Self.required where rows.value(column, row: row) == .null {
            let missing = Self.required.filter { rows.value($0.column, row: row) == .null }.map(\.name)
            throw OpportunityRecordMapping.malformed(id: rows.string(.id, row: row), missing: missing)
        }
        rows.endRow(isDeleted: isDeleted)
    }

    /// The fields every opportunity has, with their API names (as `Fields.build()` requires them).
    private static let required: [(column: OpportunityRows.Column, name: String)] = [
        (.id, "Id"), (.name, "Name"), (.stageName, "StageName"), (.closeDate, "CloseDate"), (.ownerId, "OwnerId"),
        (.createdDate, "CreatedDate"), (.lastModifiedDate, "LastModifiedDate"), (.systemModstamp, "SystemModstamp"),
    ]

    private mutating func beginRow() {
        rows.beginRow()
        isDeleted = false
        // As for REST records: a flag Salesforce did not send is false.
        rows.setInteger(.isClosed, 0)
        rows.setInteger(.isWon, 0)
    }

    // MARK: - Values

    private typealias Fields = OpportunityRecordMapping.Fields

    private static func string(_ bytes: UnsafeRawBufferPointer) -> SalesforceValue {
        .string(String(decoding: bytes, as: UTF8.self))
    }

    private mutating func setText(_ column: OpportunityRows.Column, _ bytes: UnsafeRawBufferPointer, isNull: Bool) {
        if isNull {
            rows.setNull(column)
        } else if UTF8Text.isValidWithoutNUL(bytes) {
            rows.setText(column, utf8: bytes)
        } else if let text = Fields.text(Self.string(bytes)) {
            rows.setText(column, text)
        } else {
            rows.setNull(column)
        }
    }

    private mutating func setID(_ column: OpportunityRows.Column, _ bytes: UnsafeRawBufferPointer, isNull: Bool) {
        guard !isNull else { return rows.setNull(column) }
        if SalesforceID.withCanonicalForm(ofEighteen: bytes, { rows.setText(column, utf8: $0) }) { return }
        if let id = Fields.id(Self.string(bytes)) { rows.setText(column, id.rawValue) } else { rows.setNull(column) }
    }

    /// The same parser as `Fields.timestamp`, over the bytes.
    private mutating func setTimestamp(_ column: OpportunityRows.Column, _ bytes: UnsafeRawBufferPointer) {
        if let timestamp = SalesforceTimestamp(utf8: bytes) { rows.setInteger(column, timestamp.millisecondsSinceEpoch) } else { rows.setNull(column) }
    }

    private mutating func setDate(_ bytes: UnsafeRawBufferPointer, isNull: Bool) {
        guard !isNull else { return rows.setNull(.closeDate) }
        // A date that parses is exactly `yyyy-MM-dd`, which is also how the cache writes it.
        if CalendarDate(utf8: bytes) != nil { return rows.setText(.closeDate, utf8: bytes) }
        if let date = Fields.text(Self.string(bytes)).flatMap(CalendarDate.init) { rows.setText(.closeDate, date.description) } else { rows.setNull(.closeDate) }
    }

    private mutating func setAmount(_ bytes: UnsafeRawBufferPointer, isNull: Bool) {
        guard !isNull else { return rows.setNull(.amountCents) }
        if let cents = Self.plainCents(bytes) { return rows.setInteger(.amountCents, cents) }
        if let amount = Fields.decimal(Self.string(bytes)) { rows.setInteger(.amountCents, Money.cents(of: amount)) } else { rows.setNull(.amountCents) }
    }

    /// Probabilities repeat (each stage has its own), so each distinct text is converted once,
    /// by the same `Decimal` formatting as every other path.
    private mutating func setProbability(_ bytes: UnsafeRawBufferPointer, isNull: Bool) {
        guard !isNull else { return rows.setNull(.probability) }
        let converted = probabilities.value(for: bytes) { Fields.decimal(Self.string(bytes)).map { "\($0)" } }
        if let converted { rows.setText(.probability, converted) } else { rows.setNull(.probability) }
    }

    /// `SalesforceValue.boolValue ?? false` for text: only `true` is true.
    private static func isTrue(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count == 4 && bytes[0] == UInt8(ascii: "t") && bytes[1] == UInt8(ascii: "r") && bytes[2] == UInt8(ascii: "u")
            && bytes[3] == UInt8(ascii: "e")
    }

    /// Cents for a plain amount with at most two decimals (`-1234.5`, `75`, `15000.00`): what
    /// `Money.cents(of: DecimalText.parse(text))` gives for it, exactly. Nil for any other
    /// shape (an exponent, more decimals, a value near Int64's limit), which the caller reads
    /// the general way.
    static func plainCents(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard case .plain(let significand, let scale, let negative) = DecimalText.scan(bytes), scale <= 2,
            significand < 10_000_000_000_000_000
        else { return nil }
        var cents = Int64(significand)
        for _ in scale..<2 { cents *= 10 }
        return negative ? -cents : cents
    }
}

/// A handful of remembered conversions of byte strings (values that repeat across a chunk).
private struct RepeatedValues {
    private var entries: [(input: [UInt8], output: String?)] = []
    private static let capacity = 32

    mutating func value(for bytes: UnsafeRawBufferPointer, convert: () -> String?) -> String? {
        for entry in entries where entry.input.elementsEqual(bytes) { return entry.output }
        let output = convert()
        if entries.count < Self.capacity { entries.append((Array(bytes), output)) }
        return output
    }
}
