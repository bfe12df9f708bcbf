import DealdeckCache
import DealdeckCore
import Foundation
@testable import SalesforceSource
@testable import SyncEngine
import Testing

/// The pure parts: SOQL shapes, datetime literals, the SELECT list from describe, number parsing.
@Suite("Sync queries and values")
struct SyncQueryBuilderTests {
    let id = SalesforceID(keyPrefix: "006", pod: "5e", number: 42)

    @Test("Datetime literals are UTC with Z, never a plus sign; milliseconds only when present")
    func literals() {
        let whole = SalesforceTimestamp(millisecondsSinceEpoch: 1_704_164_645_000)
        #expect(SyncQueryBuilder.literal(whole) == "2024-01-02T03:04:05Z")
        let fraction = SalesforceTimestamp(millisecondsSinceEpoch: 1_704_164_645_123)
        #expect(SyncQueryBuilder.literal(fraction) == "2024-01-02T03:04:05.123Z")
        #expect(!SyncQueryBuilder.literal(fraction).contains("+"))
    }

    @Test("Incremental queries start at the watermark minus the overlap, and resume with the tie-break cursor")
    func incrementalShapes() {
        let builder = SyncQueryBuilder(fields: ["Id", "Name", "SystemModstamp"])
        let since = SalesforceTimestamp(millisecondsSinceEpoch: 1_704_164_645_000)
        #expect(
            builder.incrementalQuery(since: since, after: nil)
                == "SELECT Id, Name, SystemModstamp FROM Opportunity WHERE SystemModstamp >= 2024-01-02T03:04:05Z ORDER BY SystemModstamp, Id")
        let cursor = SyncCursor(systemModstamp: since.adding(milliseconds: 60_000), id: id)
        #expect(
            builder.incrementalQuery(since: since, after: cursor)
                == "SELECT Id, Name, SystemModstamp FROM Opportunity WHERE (SystemModstamp > 2024-01-02T03:05:05Z OR (SystemModstamp = 2024-01-02T03:05:05Z AND Id > '\(id.rawValue)')) ORDER BY SystemModstamp, Id")
        #expect(builder.fullQuery(after: nil) == "SELECT Id, Name, SystemModstamp FROM Opportunity ORDER BY SystemModstamp, Id")
        #expect(builder.bulkQuery == "SELECT Id, Name, SystemModstamp FROM Opportunity")
        #expect(SyncQueryBuilder.idQuery(after: id) == "SELECT Id FROM Opportunity WHERE Id > '\(id.rawValue)' ORDER BY Id")
        #expect(builder.byIDs([id, id]) == "SELECT Id, Name, SystemModstamp FROM Opportunity WHERE Id IN ('\(id.rawValue)', '\(id.rawValue)')")
    }

    @Test("The SELECT list is what Dealdeck caches and the user can see; CurrencyIsoCode only on multi-currency orgs")
    func selectListFromDescribe() throws {
        var visible = SyncQueryBuilder.wantedFields.filter { !$0.contains(".") }
        visible.removeAll { $0 == "Description" || $0 == "CurrencyIsoCode" }
        let single = try SyncQueryBuilder(schema: SourceSchema(fields: visible + ["FiscalYear"], multiCurrency: false))
        #expect(!single.fields.contains("Description"), "a field hidden by field-level security is not selected")
        #expect(!single.fields.contains("CurrencyIsoCode"))
        #expect(!single.fields.contains("FiscalYear"), "only what Dealdeck caches")
        #expect(single.fields.contains("Account.Name") && single.fields.contains("Owner.Email"))

        let multi = try SyncQueryBuilder(schema: SourceSchema(fields: visible + ["CurrencyIsoCode"], multiCurrency: true))
        #expect(multi.fields.contains("CurrencyIsoCode"))

        #expect(throws: SyncFailure.self) {
            try SyncQueryBuilder(schema: SourceSchema(fields: visible.filter { $0 != "SystemModstamp" }, multiCurrency: false))
        }
        #expect(single.dropping("Email")?.fields.contains("Owner.Email") == false)
        #expect(single.dropping("SystemModstamp") == nil, "a required field cannot be dropped")
    }

    @Test("INVALID_FIELD messages name the field to drop")
    func invalidFieldName() {
        let error = SourceError.other(
            code: "INVALID_FIELD",
            message: "\nSELECT Foo FROM Opportunity\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Opportunity'. If you are attempting…")
        #expect(error.invalidFieldName == "Foo")
    }

    @Test("Amounts and percentages parse exactly, fast path and fallback alike")
    func decimals() {
        #expect(DecimalText.parse("15000.0") == Decimal(15000))
        #expect(DecimalText.parse("1234.56") == Decimal(string: "1234.56"))
        #expect(DecimalText.parse("-0.01") == Decimal(string: "-0.01"))
        #expect(DecimalText.parse("75") == Decimal(75))
        #expect(DecimalText.parse("0") == Decimal(0))
        #expect(DecimalText.parse("1.5E7") == Decimal(15_000_000))
        #expect(DecimalText.parse("123456789012345678901.5") == Decimal(string: "123456789012345678901.5"))
        #expect(DecimalText.parse("abc") == nil)
        #expect(DecimalText.parse("") == nil)
    }

    @Test("A checkpoint survives its JSON round trip; unknown formats are ignored")
    func checkpointRoundTrip() {
        var checkpoint = SyncCheckpoint(kind: .full, stage: .download, runStartedAt: 1_700_000_000_123, recordsTotal: 10)
        checkpoint.cursor = SyncCursor(systemModstamp: SalesforceTimestamp(millisecondsSinceEpoch: 1_700_000_000_000), id: id)
        checkpoint.bulkJob = SourceBulkJob(id: "7505e000001AbCdAAK", state: .complete)
        checkpoint.bulkLocator = "MTAwMDA"
        #expect(SyncCheckpoint.decode(checkpoint.encoded()) == checkpoint)
        #expect(SyncCheckpoint.decode(#"{"version":99}"#) == nil)
        #expect(SyncCheckpoint.decode(nil) == nil)
    }

    @Test("An interrupted full sync is finished before anything else; no watermark means full")
    func kindChoice() {
        let interrupted = SyncCheckpoint(kind: .full, stage: .download, runStartedAt: 0)
        let synced = SyncState(watermark: SyncWatermark(systemModstamp: SalesforceTimestamp(millisecondsSinceEpoch: 1), id: id))
        #expect(SyncOperation.kind(requested: .incremental, saved: interrupted, state: synced) == .full)
        #expect(SyncOperation.kind(requested: .incremental, saved: nil, state: SyncState()) == .full)
        #expect(SyncOperation.kind(requested: .incremental, saved: nil, state: synced) == .incremental)
        #expect(SyncOperation.kind(requested: .full, saved: nil, state: synced) == .full)
    }
}
