import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The `/__emulator/` control surface.
@Suite struct ControlSurfaceTests {
    @Test func clockAdvances() async throws {
        try await RESTHarness.with { harness in
            let before = try await harness.control("GET", "clock")
            let after = try await harness.control("POST", "clock/advance", #"{"seconds":86400}"#)
            #expect(after.object["offsetMilliseconds"] as? Int == 86_400_000)
            let first = SalesforceTimestamp(before.object["now"] as? String ?? "")
            let second = SalesforceTimestamp(after.object["now"] as? String ?? "")
            #expect(second.map { $0.millisecondsSinceEpoch - first!.millisecondsSinceEpoch >= 86_400_000 } == true)
            #expect(try await harness.control("POST", "clock/advance", #"{"seconds":-5}"#).status == 400)
        }
    }

    @Test func controlCallsAreNotCountedOrFaulted() async throws {
        try await RESTHarness.with { harness in
            try await harness.control("POST", "faults", #"{"kind":"serverUnavailable","count":10}"#)
            #expect(try await harness.control("GET", "stats").status == 200)
            #expect(try await harness.control("GET", "usage").object["used"] as? Int == 0)
            #expect(try await harness.control("GET", "nope").status == 404)
        }
    }

    @Test func touchGivesOneIdenticalStamp() async throws {
        try await RESTHarness.with { harness in
            let touched = try await harness.control("POST", "opportunities/touch", #"{"count":250}"#)
            let ids = touched.object["ids"] as? [String] ?? []
            let stamp = touched.object["systemModstamp"] as? String ?? ""
            #expect(ids.count == 250)
            let timestamp = try #require(SalesforceTimestamp(stamp))
            let same = try await harness.queryPages("SELECT Id FROM Opportunity WHERE SystemModstamp = \(timestamp.zulu)")
            #expect(Set(same.flatMap { $0.records.compactMap { $0["Id"] as? String } }).isSuperset(of: ids))
        }
    }

    @Test func updateCanCopyAnotherRecordsStampForTies() async throws {
        try await RESTHarness.with { harness in
            let pair = try await harness.query("SELECT Id, SystemModstamp FROM Opportunity ORDER BY Id LIMIT 2").records
            let stamp = pair[0]["SystemModstamp"] as? String ?? ""
            let id = pair[1]["Id"] as? String ?? ""
            let patched = try await harness.control("PATCH", "records/Opportunity/\(id)", #"{"fields":{"NextStep":"Tie"},"systemModstamp":"\#(stamp)"}"#)
            #expect(patched.status == 200)
            let record = patched.object["record"] as? [String: Any] ?? [:]
            #expect(record["SystemModstamp"] as? String == stamp)
            #expect(record["NextStep"] as? String == "Tie")
            #expect(record["Owner"] != nil)
            // Control writes may use fields the API refuses, but still validate values.
            let invalid = try await harness.control("PATCH", "records/Opportunity/\(id)", #"{"fields":{"StageName":"Nope"}}"#)
            #expect(invalid.status == 400)
        }
    }

    @Test func createDeleteUndeleteAndDump() async throws {
        try await RESTHarness.with({ $0.opportunities = 300 }) { harness in
            let created = try await harness.control("POST", "records/Opportunity", #"{"fields":{"Name":"Dumped","StageName":"Closed Won","CloseDate":"2026-01-01","Amount":42.5},"asUser":"jane.rep@dealdeck-demo.example"}"#)
            let id = created.object["id"] as? String ?? ""
            #expect((created.object["record"] as? [String: Any])?["Probability"] as? Double == 100)
            let dump = try await harness.control("GET", "opportunities")
            let live = harness.services.org.statistics().liveOpportunities
            #expect(dump.object["totalSize"] as? Int == live)
            let mine = try #require(dump.records.first { $0["Id"] as? String == id })
            #expect(mine["Amount"] as? Double == 42.5)
            #expect((mine["Owner"] as? [String: Any])?["Email"] as? String == "jane.rep@dealdeck-demo.example")
            #expect(mine["CreatedById"] as? String == SalesforceID(keyPrefix: "005", pod: "5e", number: 3).rawValue)
            // Field for field the same as the REST record view.
            let rest = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)").object
            for (key, value) in rest where key != "attributes" {
                #expect(String(describing: mine[key] ?? "missing") == String(describing: value), "\(key)")
            }
            #expect(try await harness.control("DELETE", "records/Opportunity/\(id)").status == 200)
            #expect(try await harness.control("GET", "opportunities").records.contains { $0["Id"] as? String == id } == false)
            #expect(try await harness.control("GET", "opportunities?includeDeleted=true").records.contains { $0["Id"] as? String == id })
            #expect(try await harness.control("GET", "records/Opportunity/\(id)").status == 200)
            #expect(try await harness.control("POST", "records/Opportunity/\(id)/undelete").status == 200)
            #expect(try await harness.control("POST", "records/Opportunity/\(id)/undelete").status == 400)
            #expect(try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)").status == 200)
            #expect(try await harness.control("POST", "records/Account", "{}").status == 404)
        }
    }

    @Test func statsCountDeletedRecords() async throws {
        try await RESTHarness.with { harness in
            let stats = try await harness.control("GET", "stats")
            let opportunities = stats.object["opportunities"] as? [String: Any] ?? [:]
            #expect(opportunities["total"] as? Int == 2000)
            #expect((opportunities["deleted"] as? Int ?? 0) > 0)
            #expect(stats.object["users"] as? Int == 27)
            #expect(stats.object["accounts"] as? Int == 250)
        }
    }

    @Test func sessionsAndUsersAndPasswordFlow() async throws {
        try await RESTHarness.with { harness in
            #expect(try await harness.get(RESTHarness.api + "/limits").status == 200)
            try await harness.control("POST", "sessions/expire")
            #expect(try await harness.get(RESTHarness.api + "/limits").status == 401)

            try await harness.control("POST", "auth/username-password-flow", #"{"blocked":true}"#)
            await #expect(throws: (any Error).self) { _ = try await harness.newSession() }
            try await harness.control("POST", "auth/username-password-flow", #"{"blocked":false}"#)
            let token = try await harness.newSession()
            #expect(try await harness.get(RESTHarness.api + "/limits", token: token).status == 200)

            let rep = "mei.chen@dealdeck-demo.example"
            #expect(try await harness.control("POST", "users/active", #"{"username":"\#(rep)","active":false}"#).status == 200)
            let inactive = try await harness.query("SELECT IsActive FROM User WHERE Username = '\(rep)'", token: token)
            #expect(inactive.records.first?["IsActive"] as? Bool == false)
            let meiID = SalesforceID(keyPrefix: "005", pod: "5e", number: 7).rawValue
            let reassign = try await harness.call("POST", RESTHarness.api + "/sobjects/Opportunity", json: #"{"Name":"x","StageName":"Prospecting","CloseDate":"2027-01-01","OwnerId":"\#(meiID)"}"#, token: token)
            #expect(reassign.error?.code == "INACTIVE_OWNER_OR_USER")
            #expect(try await harness.control("POST", "users/active", #"{"username":"nobody@example.com","active":false}"#).status == 404)
            #expect(try await harness.control("POST", "auth/device/approve", #"{"userCode":"NOPE1234"}"#).status == 404)
            #expect(try await harness.control("POST", "refresh-tokens/revoke").status == 200)
        }
    }

    @Test func stateSaveNeedsAStateFile() async throws {
        try await RESTHarness.with { harness in
            let result = try await harness.control("POST", "state/save")
            #expect(result.status == 400)
        }
    }
}
