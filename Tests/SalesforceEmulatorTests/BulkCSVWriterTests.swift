import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The Bulk CSV writer copies values from each record's stored JSON where the two spellings
/// agree; it must render exactly what the reference rendering (a `WireValue` per field) does.
@Suite struct BulkCSVWriterTests {
    @Test(arguments: [false, true]) func rendersEveryRecordAsTheReferenceRenderingDoes(multiCurrency: Bool) throws {
        let org = OrgGenerationTests.org(3000, seed: 7, multiCurrency: multiCurrency)
        let schema = OrgSchema(multiCurrency: multiCurrency)
        let paths = schema.opportunity.fields.map { [$0.name] }
            + [["Account", "Name"], ["Owner", "Name"], ["Owner", "Email"], ["Account", "Owner", "Name"], ["Account", "NoSuchField"], ["NoSuchField"]]
        let columns = BulkCSVWriter.columns(paths, of: "Opportunity", schema: schema)
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: "|")] {
            var writer = BulkCSVWriter(columns: columns, delimiter: delimiter, newline: [13, 10], parents: org, expectedRows: org.opportunities.count)
            var reference: [UInt8] = []
            for record in org.opportunities {
                writer.append(record)
                for (index, column) in columns.enumerated() {
                    if index > 0 { reference.append(delimiter) }
                    WireValueEncoding.appendCSV(BulkCSVWriter.read(column, from: record, parents: org), to: &reference)
                }
                reference.append(contentsOf: [13, 10])
            }
            // The first differing record, not two megabytes of bytes, when they differ.
            let same = writer.bytes == reference
            let firstDifference = (0..<min(writer.bytes.count, reference.count)).first { writer.bytes[$0] != reference[$0] } ?? min(writer.bytes.count, reference.count)
            let context = { (bytes: [UInt8]) in String(decoding: bytes[max(0, firstDifference - 80)..<min(bytes.count, firstDifference + 80)], as: UTF8.self) }
            #expect(same, "at byte \(firstDifference): \(context(writer.bytes)) ≠ \(context(reference))")
        }
        let hostile = org.opportunities.contains { record in
            [record.value(at: schema.opportunity.field(named: "Name")?.slot ?? -1), record.value(at: schema.opportunity.field(named: "Description")?.slot ?? -1)]
                .contains { value in
                    guard case .string(let text) = value else { return false }
                    return text.contains("\"") || text.unicodeScalars.contains { $0.value < 0x20 }
                }
        }
        #expect(hostile, "the org has values whose JSON holds escapes, so their unescaping is compared too")
    }

    @Test func spellingsThatAgreeAreCopiedAndOthersAreRefused() {
        func csv(_ json: String) -> String? {
            var bytes: [UInt8] = []
            let handled = Array(json.utf8).withUnsafeBufferPointer { BulkCSVWriter.appendCSV(json: $0, to: &bytes) }
            return handled ? String(decoding: bytes, as: UTF8.self) : nil
        }
        #expect(csv("null") == "")
        #expect(csv(#""Acme, ""#) == #""Acme, ""#)
        #expect(csv("\"\"") == "\"\"")
        #expect(csv("15000.0") == #""15000.0""#)
        #expect(csv("-1.5E7") == #""-1.5E7""#)
        #expect(csv("true") == #""true""#)
        #expect(csv("false") == #""false""#)
        #expect(csv(#""say \"hi\"""#) == #""say ""hi""""#)
        #expect(csv(#""line\nbreak\r\tend\\ \/""#) == "\"line\nbreak\r\tend\\ /\"")
        #expect(csv(#""bell \u0007, \u00e9, \u2028""#) == "\"bell \u{7}, é, \u{2028}\"")
        #expect(csv(#""pair \ud83d\ude00""#) == nil, "an escaped surrogate pair takes the reference rendering")
        #expect(csv(#""cut \u12""#) == nil)
        #expect(csv(#""dangling \""#) == nil)
        #expect(csv(#""unknown \q""#) == nil)
        #expect(csv("{}") == nil)
        #expect(csv("") == nil)
    }
}
