import DealdeckCore
import Foundation
@testable import SalesforceAPI
import SalesforceEmulator
@testable import SalesforceSource
import SyncEngine
import Testing

/// Bulk API CSV read straight into cache rows (`OpportunityCSVRows`) must store exactly what the
/// general path stores: CSV to strings, each value through `OpportunityRecordMapping.Fields`, the
/// `Opportunity` into rows. Every fast path is checked against that reference, on hand-picked
/// edge cases and on seeded random data.
@Suite("Bulk CSV read into cache rows")
struct BulkCSVRowsTests {
    static let header = [
        "Id", "Name", "AccountId", "Account.Name", "StageName", "Amount", "CurrencyIsoCode", "CloseDate", "Probability", "Type",
        "LeadSource", "NextStep", "Description", "ForecastCategoryName", "IsClosed", "IsWon", "OwnerId", "Owner.Name",
        "Owner.Email", "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted", "FiscalYear",
    ]
    static let opportunityID = SalesforceID(keyPrefix: "006", pod: "5e", number: 4242).rawValue
    static let accountID = SalesforceID(keyPrefix: "001", pod: "5e", number: 77).rawValue
    static let ownerID = SalesforceID(keyPrefix: "005", pod: "5e", number: 3).rawValue

    @Test("Hand-picked values: nulls, quoting, IDs in any case, odd numbers, NUL and broken UTF-8")
    func edgeCases() throws {
        let rows: [[Field]] = [
            Self.row(),
            Self.row(["Name": .quoted(""), "Account.Name": .null, "Amount": .null, "Probability": .null, "Description": .quoted("")]),
            Self.row(["Id": .plain(Self.opportunityID.lowercased()), "AccountId": .plain(String(Self.accountID.prefix(15)))]),
            Self.row(["AccountId": .plain(" " + Self.accountID), "OwnerId": .plain(Self.ownerID.uppercased())]),
            Self.row(["AccountId": .plain("001XXXXXXXXXXXXZZZ"), "Type": .quoted("said \"hi\", twice\nthen left\r\n")]),
            Self.row(["Name": .bytes(Array("Nul\u{0}in the middle".utf8)), "NextStep": .bytes([0x41, 0xFF, 0xC0, 0xAF, 0x42])]),
            Self.row(["Description": .bytes([0xED, 0xA0, 0x80, 0x20, 0xF4, 0x90, 0x80, 0x80, 0x20, 0xE2, 0x82])]),
            Self.row(["Owner.Name": .quoted("Zoë 商談 👍 \u{1B}]8;;x\u{07}"), "Owner.Email": .quoted("zoe@example.com")]),
            Self.row(["Amount": .plain("15000"), "Probability": .plain("10.0")]),
            Self.row(["Amount": .plain("-0.01"), "Probability": .plain("0.5")]),
            Self.row(["Amount": .plain("12.345"), "Probability": .plain("12.50")]),
            Self.row(["Amount": .plain("1.5E7"), "Probability": .plain("1E1")]),
            Self.row(["Amount": .plain("9999999999999999.99"), "Probability": .plain("-0")]),
            Self.row(["Amount": .plain("99999999999999999.99"), "Probability": .plain("100")]),
            Self.row(["Amount": .plain("abc"), "Probability": .plain(".")]),
            Self.row(["Amount": .plain("-"), "Probability": .plain("007.50")]),
            Self.row(["Amount": .plain(".5"), "Probability": .plain("5.")]),
            Self.row(["Amount": .quoted("")]),
            Self.row(["IsClosed": .plain("TRUE"), "IsWon": .plain("true"), "IsDeleted": .plain("true")]),
            Self.row(["IsClosed": .null, "IsWon": .plain("1"), "IsDeleted": .plain("false")]),
            Self.row(["CloseDate": .bytes(Array("2024-02-2\u{0}9".utf8))]),
            Self.row(["CreatedDate": .plain("2024-01-02T03:04:05.000+0000"), "LastModifiedDate": .plain("2024-01-02T03:04:05Z")]),
            Self.row(["SystemModstamp": .plain("2024-01-02T03:04:05.123-05:30")]),
            Self.row(["CurrencyIsoCode": .quoted("EUR"), "FiscalYear": .plain("2024")]),
        ]
        try Self.expectSameRows(Self.csv(Self.header, rows))
        // A last record without a line break, and CRLF line endings.
        var unterminated = Self.csv(Self.header, [Self.row()], lineEnding: "\r\n")
        unterminated.removeLast(2)
        try Self.expectSameRows(unterminated)
        // A row cut short: the missing columns are nulls (and a flag false).
        let short = Self.csv(Array(Self.header.prefix(23)), [Array(Self.row().prefix(23))])
        try Self.expectSameRows(short)
    }

    @Test("Seeded random values of every column read as the general path reads them")
    func randomRows() throws {
        var generator = SeededRandom(seed: 20_261_203)
        for _ in 0..<20 {
            let rows = (0..<200).map { _ in Self.randomRow(using: &generator) }
            try Self.expectSameRows(Self.csv(Self.header, rows))
        }
    }

    @Test("A record without a readable required field is refused with the general path's message")
    func malformedRecord() throws {
        let csv = Self.csv(Self.header, [Self.row(), Self.row(["CloseDate": .plain("2023-02-29"), "OwnerId": .null])])
        let reference = #expect(throws: SourceError.self) { try Self.reference(csv) }
        let fast = #expect(throws: SourceError.self) { try csv.withUnsafeBytes { try OpportunityCSVRows.read($0) } }
        #expect(fast.map(String.init(describing:)) == reference.map(String.init(describing:)))
        #expect(String(describing: fast).contains("CloseDate, OwnerId"))
    }

    @Test("A header without data rows, and an empty body, are no rows")
    func emptyChunks() throws {
        #expect(try Array(Self.csv(Self.header, []) ).withUnsafeBytes { try OpportunityCSVRows.read($0) }.count == 0)
        #expect(try [UInt8]().withUnsafeBytes { try OpportunityCSVRows.read($0) }.count == 0)
    }

    @Test("Rows are reserved for every line feed, so never fewer than the records")
    func rowReservationCountsLineFeeds() {
        let cases: [(String, Int)] = [("", 0), ("a", 0), ("\n", 1), ("a\nb\n", 2), ("a\r\nb", 1), ("\"x\ny\"\n\n", 3)]
        for (text, expected) in cases {
            #expect(Array(text.utf8).withUnsafeBytes { OpportunityCSVRows.lineBreaks(in: $0) } == expected, "\(text.debugDescription)")
        }
        let big = [UInt8](repeating: 0x41, count: 100_003) + [0x0A] + [UInt8](repeating: 0x0A, count: 7)
        #expect(big.withUnsafeBytes { OpportunityCSVRows.lineBreaks(in: $0) } == 8)
    }

    @Test("The UTF-8 check agrees with the standard library's validation on random and edge-case bytes")
    func utf8Check() {
        var generator = SeededRandom(seed: 99)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0, 0x9F, 0xED, 0xEF, 0xF0, 0x90, 0x8F, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let bytes: [UInt8] = (0..<length).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(0)
            #expect(bytes.withUnsafeBytes { UTF8Text.isValidWithoutNUL($0) } == expected, "\(bytes)")
        }
        for text in ["", "plain ASCII longer than eight bytes", "Société", "商談", "👍🏽", "\u{10FFFF}", "\u{D7FF}\u{E000}"] {
            #expect(Array(text.utf8).withUnsafeBytes { UTF8Text.isValidWithoutNUL($0) }, "\(text)")
        }
    }

    @Test("Plain amounts become the cents Money.cents gives; any other shape is left to it")
    func plainCents() {
        var generator = SeededRandom(seed: 5)
        let characters = Array("0123456789.-E")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...20, using: &generator)
            let text = String((0..<length).map { _ in
                Int.random(in: 0..<10, using: &generator) < 8 ? characters[Int.random(in: 0..<10, using: &generator)] : characters.randomElement(using: &generator) ?? "0"
            })
            guard let fast = Array(text.utf8).withUnsafeBytes({ OpportunityCSVRows.plainCents($0) }) else { continue }
            let decimal = DecimalText.parse(text)
            #expect(decimal.map(Money.cents(of:)) == fast, "\(text)")
        }
    }

    // MARK: - The reference and the comparison

    /// The general path: CSV to strings, `Fields` per value, `Opportunity` into rows.
    static func reference(_ csv: [UInt8]) throws -> OpportunityRows {
        let records = try csv.withUnsafeBytes { try CSVReader.records($0) }
        guard let header = records.first else { return OpportunityRows() }
        let keys = header.map { OpportunityRecordMapping.Key(apiName: $0 ?? "") }
        var rows = OpportunityRows()
        for row in records.dropFirst() {
            var fields = OpportunityRecordMapping.Fields()
            for (column, key) in keys.enumerated() {
                guard let key else { continue }
                let value = column < row.count ? row[column] : nil
                fields.take(key, value.map(SalesforceValue.string) ?? .null)
            }
            let record = try fields.build()
            rows.append(record.opportunity, isDeleted: record.isDeleted)
        }
        return rows
    }

    static func expectSameRows(_ csv: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try reference(csv)
        let actual = try csv.withUnsafeBytes { try OpportunityCSVRows.read($0) }
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        var differences: [String] = []
        for row in 0..<min(actual.count, expected.count) {
            if actual.isDeleted(row: row) != expected.isDeleted(row: row) { differences.append("row \(row) IsDeleted") }
            for column in OpportunityRows.Column.allCases {
                let (got, want) = (describe(actual, column, row), describe(expected, column, row))
                if got != want { differences.append("row \(row) \(column): \(got) instead of \(want)") }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10).joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    static func describe(_ rows: OpportunityRows, _ column: OpportunityRows.Column, _ row: Int) -> String {
        switch rows.value(column, row: row) {
        case .null: return "null"
        case .integer(let value): return "integer \(value)"
        case .text: return "text \(String(reflecting: rows.string(column, row: row) ?? ""))"
        }
    }

    // MARK: - Building CSV

    enum Field {
        case null
        case plain(String)
        case quoted(String)
        case bytes([UInt8])
    }

    static func row(_ overrides: [String: Field] = [:]) -> [Field] {
        let defaults: [String: Field] = [
            "Id": .plain(opportunityID), "Name": .quoted("Société Générale – renewal"), "AccountId": .plain(accountID),
            "Account.Name": .quoted("Société Générale"), "StageName": .quoted("Prospecting"), "Amount": .plain("125000.5"),
            "CurrencyIsoCode": .null, "CloseDate": .plain("2024-02-29"), "Probability": .plain("10"), "Type": .quoted("New Business"),
            "LeadSource": .quoted("Web"), "NextStep": .null, "Description": .quoted("A long, \"quoted\" story\nover two lines"),
            "ForecastCategoryName": .quoted("Pipeline"), "IsClosed": .plain("false"), "IsWon": .plain("false"), "OwnerId": .plain(ownerID),
            "Owner.Name": .quoted("Ada Lovelace"), "Owner.Email": .quoted("ada@example.com"),
            "CreatedDate": .plain("2024-01-02T03:04:05.000Z"), "LastModifiedDate": .plain("2024-01-03T03:04:05.000Z"),
            "SystemModstamp": .plain("2024-01-03T03:04:05.000Z"), "IsDeleted": .plain("false"), "FiscalYear": .plain("2024"),
        ]
        return header.map { overrides[$0] ?? defaults[$0] ?? .null }
    }

    static func csv(_ header: [String], _ rows: [[Field]], lineEnding: String = "\n") -> [UInt8] {
        var bytes: [UInt8] = []
        func append(_ fields: [Field]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                switch field {
                case .null: break
                case .plain(let text): bytes += Array(text.utf8)
                case .quoted(let text): bytes += quoted(Array(text.utf8))
                case .bytes(let raw): bytes += quoted(raw)
                }
            }
            bytes += Array(lineEnding.utf8)
        }
        append(header.map { .quoted($0) })
        rows.forEach(append)
        return bytes
    }

    static func quoted(_ raw: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in raw {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
        return bytes
    }

    static func randomRow(using generator: inout SeededRandom) -> [Field] {
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &generator)] }
        let texts: [Field] = [
            .null, .quoted(""), .quoted("Acme"), .quoted("Zoë, \"the\" best\nline"), .quoted("商談 👍"), .quoted("\u{202E}rtl\u{1B}[31m"),
            .bytes([0x61, 0x00, 0x62]), .bytes([0xC3, 0x28]), .quoted(String(repeating: "long text ", count: 300)),
        ]
        let ids: [Field] = [
            .plain(opportunityID), .plain(opportunityID.lowercased()), .plain(String(opportunityID.prefix(15))), .plain(accountID),
            .plain(accountID.uppercased()), .plain("001xxxxxxxxxxxxAAA"), .quoted(""), .null, .plain(" \(ownerID) "),
        ]
        let amounts: [Field] = [
            .null, .plain("0"), .plain("-0.00"), .plain("125000"), .plain("125000.5"), .plain("125000.55"), .plain("0.005"), .plain("-12.345"),
            .plain("1.5E7"), .plain("1234567890123456.78"), .plain("123456789012345678"), .plain("12a"), .quoted(""),
        ]
        let probabilities: [Field] = [.null, .plain("0"), .plain("10"), .plain("10.0"), .plain("25.5"), .plain("0.05"), .plain("100.00"), .plain("1e2")]
        let dates: [Field] = [.plain("2024-02-29"), .plain("1999-12-31"), .plain("2024-1-5"), .bytes(Array("2024-03-0\u{0}1".utf8))]
        let flags: [Field] = [.plain("true"), .plain("false"), .null, .plain("True")]
        let timestamps: [Field] = [
            .plain("2024-01-02T03:04:05.000Z"), .plain("2024-01-02T03:04:05.000+0000"), .plain("2024-01-02T03:04:05Z"),
            .plain("2024-06-30T23:59:59.999+02:00"),
        ]
        var row = self.row()
        for (index, name) in header.enumerated() {
            switch name {
            case "Id": row[index] = pick([.plain(opportunityID), .plain(opportunityID.lowercased()), .plain(String(opportunityID.prefix(15)))])
            case "OwnerId": row[index] = pick([.plain(ownerID), .plain(ownerID.lowercased())])
            case "AccountId": row[index] = pick(ids)
            case "Amount": row[index] = pick(amounts)
            case "Probability": row[index] = pick(probabilities)
            case "CloseDate": row[index] = pick([dates[0], dates[1], dates[3]])
            case "IsClosed", "IsWon", "IsDeleted": row[index] = pick(flags)
            case "CreatedDate", "LastModifiedDate", "SystemModstamp": row[index] = pick(timestamps)
            case "Name", "StageName": row[index] = pick(Array(texts.dropFirst()))
            case "FiscalYear": row[index] = pick(texts)
            default: row[index] = pick(texts)
            }
        }
        return row
    }
}
