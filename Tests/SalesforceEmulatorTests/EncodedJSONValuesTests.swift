import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The JSON a record encodes when it is stored is exactly what encoding its values on
/// demand gives, for every field of every generated record and after writes.
@Suite struct EncodedJSONValuesTests {
    /// A value written the general way, from the `WireValue` the record reads.
    static func onDemand(_ record: OpportunityRecord, slot: Int) -> [UInt8] {
        let value = record.value(at: slot)
        return [UInt8](unsafeUninitializedCapacity: RawByteWriter.maximumJSON(value)) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var writer = RawByteWriter(start)
            writer.json(value)
            count = writer.cursor - start
        }
    }

    static func encoded(_ record: OpportunityRecord, slot: Int) -> [UInt8]? {
        record.withEncodedJSONValues { values in values?.value(at: slot).map(Array.init) }
    }

    @Test(arguments: [false, true])
    func everyFieldOfEveryRecordMatchesItsValue(multiCurrency: Bool) throws {
        let org = OrgGenerationTests.org(3000, multiCurrency: multiCurrency)
        let slots = OpportunityRecord.Field.allCases.map(\.rawValue)
        var hostile = 0
        for record in org.opportunities {
            var total = 0
            for slot in slots {
                let encoded = try #require(Self.encoded(record, slot: slot))
                #expect(encoded == Self.onDemand(record, slot: slot), "\(record.id) slot \(slot)")
                total += encoded.count
                if encoded.contains(92) { hostile += 1 }  // a backslash: an escaped character
            }
            // The page size bound is the exact size of all values.
            #expect(record.maximumJSONBytes == total)
            #expect(Self.encoded(record, slot: slots.count) == nil)
            #expect(Self.encoded(record, slot: -1) == nil)
        }
        #expect(hostile > 0, "the org's hostile strings exercise escaping")
    }

    @Test func aWriteEncodesTheNewValues() throws {
        let org = OrgGenerationTests.org(50)
        var record = try #require(org.opportunities.first)
        let before = try #require(Self.encoded(record, slot: OpportunityRecord.Field.name.rawValue))
        record.name = "Renamed \"quoted\" \u{1B}[31m"
        record.amountCents = 1_500_000_000
        for field in [OpportunityRecord.Field.name, .amount] {
            #expect(Self.encoded(record, slot: field.rawValue) == Self.onDemand(record, slot: field.rawValue))
        }
        #expect(Self.encoded(record, slot: OpportunityRecord.Field.name.rawValue) != before)
        #expect(String(decoding: try #require(Self.encoded(record, slot: OpportunityRecord.Field.amount.rawValue)), as: UTF8.self) == "1.5E7")
        #expect(try #require(org.opportunities.first).name != record.name, "the stored org keeps its own record")
    }
}
