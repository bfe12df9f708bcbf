import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// `/updated/` and `/deleted/` windows, the recycle bin and its 15-day purge.
@Suite struct RESTReplicationTests {
    static func path(_ kind: String, _ start: SalesforceTimestamp, _ end: SalesforceTimestamp) -> String {
        RESTHarness.api + "/sobjects/Opportunity/\(kind)/?start=\(start.zulu)&end=\(end.zulu)"
    }

    static func minutes(_ count: Int64, from timestamp: SalesforceTimestamp) -> SalesforceTimestamp {
        timestamp.adding(milliseconds: count * 60_000)
    }

    @Test func updatedListsRecordsChangedInTheWindowToTheMinute() async throws {
        try await RESTHarness.with { harness in
            let id = try await harness.query("SELECT Id FROM Opportunity LIMIT 1").records.first?["Id"] as? String ?? ""
            try await harness.control("POST", "clock/advance", #"{"seconds":3600}"#)
            let start = harness.now
            #expect(try await harness.call("PATCH", RESTHarness.api + "/sobjects/Opportunity/\(id)", json: #"{"NextStep":"Call back"}"#).status == 204)
            try await harness.control("POST", "clock/advance", #"{"seconds":180}"#)
            let end = harness.now
            let result = try await harness.get(Self.path("updated", start, end))
            #expect(result.status == 200)
            #expect(result.object["ids"] as? [String] == [id])
            let latest = SalesforceTimestamp(result.object["latestDateCovered"] as? String ?? "")
            #expect(latest?.millisecondsSinceEpoch == end.millisecondsSinceEpoch / 60_000 * 60_000)
            // Seconds are truncated: a window inside one minute is empty and refused.
            let sameMinute = SalesforceTimestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch / 60_000 * 60_000 + 10_000)
            let refused = try await harness.get(Self.path("updated", sameMinute, sameMinute.adding(milliseconds: 20_000)))
            #expect(refused.error?.code == "INVALID_REPLICATION_DATE")
        }
    }

    @Test func replicationWindowsAreEnforced() async throws {
        try await RESTHarness.with { harness in
            let now = harness.now
            let tooOld = try await harness.get(Self.path("updated", now.adding(milliseconds: -31 * 86_400_000), now))
            #expect(tooOld.status == 400)
            #expect(tooOld.error?.code == "INVALID_REPLICATION_DATE")
            let fine = try await harness.get(Self.path("updated", now.adding(milliseconds: -29 * 86_400_000), now))
            #expect(fine.status == 200)
            #expect((fine.object["ids"] as? [String])?.isEmpty == false)
            let deletedTooOld = try await harness.get(Self.path("deleted", now.adding(milliseconds: -16 * 86_400_000), now))
            #expect(deletedTooOld.error?.code == "INVALID_REPLICATION_DATE")
            let reversed = try await harness.get(Self.path("updated", now, now.adding(milliseconds: -3_600_000)))
            #expect(reversed.error?.code == "INVALID_REPLICATION_DATE")
            let missing = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/updated/")
            #expect(missing.status == 400)
        }
    }

    @Test func deletedListsRecycleBinAndPurgeMovesEarliestDate() async throws {
        try await RESTHarness.with { harness in
            try await harness.control("POST", "recycle-bin/purge")
            let ids = try await harness.query("SELECT Id FROM Opportunity LIMIT 2").records.compactMap { $0["Id"] as? String }
            let start = harness.now
            for id in ids { #expect(try await harness.call("DELETE", RESTHarness.api + "/sobjects/Opportunity/\(id)").status == 204) }
            try await harness.control("POST", "clock/advance", #"{"seconds":120}"#)
            let deleted = try await harness.get(Self.path("deleted", start, harness.now))
            let listed = (deleted.object["deletedRecords"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(Set(listed) == Set(ids))
            let earliestBefore = SalesforceTimestamp(deleted.object["earliestDateAvailable"] as? String ?? "")

            // Updated never lists deleted records.
            let updated = try await harness.get(Self.path("updated", start, harness.now))
            #expect(Set(updated.object["ids"] as? [String] ?? []).isDisjoint(with: ids))

            // Undelete one, purge the other: the purge moves earliestDateAvailable past it.
            #expect(try await harness.control("POST", "records/Opportunity/\(ids[0])/undelete").status == 200)
            let purge = try await harness.control("POST", "recycle-bin/purge")
            #expect(purge.object["purged"] as? Int == 1)
            let after = try await harness.get(Self.path("deleted", start, harness.now))
            #expect((after.object["deletedRecords"] as? [Any])?.isEmpty == true)
            let earliestAfter = SalesforceTimestamp(after.object["earliestDateAvailable"] as? String ?? "")
            #expect(earliestAfter.map { $0 >= start } == true)
            #expect(earliestAfter! > earliestBefore!)
            #expect(try await harness.query("SELECT Id FROM Opportunity WHERE Id = '\(ids[1])'", all: true).records.isEmpty)
            #expect(try await harness.query("SELECT Id FROM Opportunity WHERE Id = '\(ids[0])'").records.count == 1)
        }
    }

    @Test func recycleBinEmptiesAfterFifteenDays() async throws {
        try await RESTHarness.with({ $0.sessionTimeoutSeconds = 60 * 86_400 }) { harness in
            let id = try await harness.query("SELECT Id FROM Opportunity LIMIT 1").records.first?["Id"] as? String ?? ""
            #expect(try await harness.call("DELETE", RESTHarness.api + "/sobjects/Opportunity/\(id)").status == 204)
            let soql = "SELECT Id FROM Opportunity WHERE Id = '\(id)'"
            try await harness.control("POST", "clock/advance", #"{"seconds":\#(14 * 86_400)}"#)
            #expect(try await harness.query(soql, all: true).records.count == 1)
            try await harness.control("POST", "clock/advance", #"{"seconds":\#(86_400 + 60)}"#)
            #expect(try await harness.query(soql, all: true).records.isEmpty)
            #expect(try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)").error?.code == "NOT_FOUND")
            let stats = try await harness.control("GET", "stats")
            #expect((stats.object["opportunities"] as? [String: Any])?["deleted"] as? Int == 0)
        }
    }
}
