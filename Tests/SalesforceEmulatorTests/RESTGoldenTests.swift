import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The response examples of the protocol reference (§2.2, §2.3, §2.6, §2.7, §3.1), matched key
/// for key, in key order and value format.
@Suite struct RESTGoldenTests {
    static let stamp = "2024-01-02T03:04:05.000+0000"

    @Test func versionListMatchesSpecShapeAndNeedsNoSession() async throws {
        try await RESTHarness.with { harness in
            let result = try await RESTHarness.send("GET", harness.base + "/services/data/")
            #expect(result.status == 200)
            #expect(result.header("Sforce-Limit-Info") == nil)
            #expect(result.header("Content-Type") == "application/json;charset=UTF-8")
            #expect(result.text.contains(#"{"label":"Winter '25","url":"/services/data/v62.0","version":"62.0"},{"label":"Spring '25","url":"/services/data/v63.0","version":"63.0"},{"label":"Summer '25","url":"/services/data/v64.0","version":"64.0"}"#))
            let versions = result.array.compactMap { $0["version"] as? String }
            #expect(versions.first == "31.0")
            #expect(versions.last == "66.0")
            #expect(versions.count == 36)
            #expect(result.array.last?["label"] as? String == "Spring '26")
            let usage = harness.services.usage.usage
            #expect(usage.used == 0)
        }
    }

    @Test func queryPageMatchesSpecExampleKeyForKey() async throws {
        try await RESTHarness.with { harness in
            let acme = SalesforceID(keyPrefix: "001", pod: "5e", number: 9_000_000)
            let jane = SalesforceID(keyPrefix: "005", pod: "5e", number: 3)
            let first = try await harness.control("POST", "records/Opportunity", """
                {"fields":{"Name":"Acme - 500 widgets","StageName":"Prospecting","Amount":15000,"CloseDate":"2024-03-31",
                "AccountId":"\(acme.rawValue)","OwnerId":"\(jane.rawValue)"},"systemModstamp":"2024-01-02T03:04:05Z","createdDate":"2023-12-01T00:00:00Z"}
                """)
            let second = try await harness.control("POST", "records/Opportunity", """
                {"fields":{"Name":"Orphan deal","StageName":"Closed Lost","Amount":null,"CloseDate":"2024-02-15","OwnerId":"\(jane.rawValue)"},
                "systemModstamp":"2024-01-02T03:04:05Z","createdDate":"2023-12-01T00:00:00Z"}
                """)
            let ids = [first.object["id"] as? String ?? "", second.object["id"] as? String ?? ""]
            let result = try await harness.query(
                "SELECT Id,Name,StageName,Amount,CloseDate,SystemModstamp,Account.Name,Owner.Name FROM Opportunity WHERE SystemModstamp < 2024-06-01T00:00:00Z ORDER BY SystemModstamp,Id")
            #expect(result.status == 200)
            #expect(result.header("Content-Type") == "application/json;charset=UTF-8")
            #expect(result.header("Sforce-Limit-Info")?.hasPrefix("api-usage=") == true)

            func user(_ id: SalesforceID, _ name: String) -> String {
                #"{"attributes":{"type":"User","url":"/services/data/v62.0/sobjects/User/\#(id.rawValue)"},"Name":"\#(name)"}"#
            }
            let expected: [String: String] = [
                ids[0]: #"{"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/\#(ids[0])"},"Id":"\#(ids[0])","Name":"Acme - 500 widgets","StageName":"Prospecting","Amount":15000.0,"CloseDate":"2024-03-31","SystemModstamp":"\#(Self.stamp)","Account":{"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/\#(acme.rawValue)"},"Name":"Acme Corp"},"Owner":\#(user(jane, "Jane Rep"))}"#,
                ids[1]: #"{"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/\#(ids[1])"},"Id":"\#(ids[1])","Name":"Orphan deal","StageName":"Closed Lost","Amount":null,"CloseDate":"2024-02-15","SystemModstamp":"\#(Self.stamp)","Account":null,"Owner":\#(user(jane, "Jane Rep"))}"#,
            ]
            let returnedOrder = result.records.compactMap { $0["Id"] as? String }
            #expect(Set(returnedOrder) == Set(ids))
            let body = #"{"totalSize":2,"done":true,"records":["# + returnedOrder.compactMap { expected[$0] }.joined(separator: ",") + "]}"
            #expect(result.text == body)
        }
    }

    @Test func firstPageCarriesNextRecordsURLBeforeRecords() async throws {
        try await RESTHarness.with { harness in
            let result = try await harness.query("SELECT Id FROM Opportunity", batchSize: 200)
            guard case .object(let members) = result.ordered else {
                Issue.record("not an object")
                return
            }
            #expect(members.map(\.name) == ["totalSize", "done", "nextRecordsUrl", "records"])
            let next = result.object["nextRecordsUrl"] as? String ?? ""
            #expect(next.range(of: #"^/services/data/v62\.0/query/01g[0-9A-Za-z]{15}-200$"#, options: .regularExpression) != nil)
            #expect(result.object["done"] as? Bool == false)
        }
    }

    @Test func updatedAndDeletedMatchSpecShapes() async throws {
        try await RESTHarness.with { harness in
            let start = SalesforceTimestamp(millisecondsSinceEpoch: harness.now.millisecondsSinceEpoch - 86_400_000)
            let victim = try await harness.query("SELECT Id FROM Opportunity LIMIT 1").records.first?["Id"] as? String ?? ""
            #expect(try await harness.call("DELETE", RESTHarness.api + "/sobjects/Opportunity/" + victim).status == 204)
            try await harness.control("POST", "clock/advance", #"{"seconds":120}"#)
            let end = harness.now
            let window = "?start=\(start.zulu)&end=\(end.zulu)"

            let updated = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/updated/" + window)
            #expect(updated.status == 200)
            guard case .object(let updatedKeys) = updated.ordered else { return }
            #expect(updatedKeys.map(\.name) == ["ids", "latestDateCovered"])
            let latest = updated.object["latestDateCovered"] as? String ?? ""
            #expect(latest.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000\+0000$"#, options: .regularExpression) != nil)

            let deleted = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/deleted/" + window)
            #expect(deleted.status == 200)
            guard case .object(let deletedKeys) = deleted.ordered else { return }
            #expect(deletedKeys.map(\.name) == ["deletedRecords", "earliestDateAvailable", "latestDateCovered"])
            let entries = deleted.object["deletedRecords"] as? [[String: Any]] ?? []
            let entry = try #require(entries.first { $0["id"] as? String == victim })
            #expect(Array(entry.keys).sorted() == ["deletedDate", "id"])
            #expect(deleted.text.contains(#"{"id":"\#(victim)","deletedDate":""#))
            let deletedDate = entry["deletedDate"] as? String ?? ""
            #expect(deletedDate.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$"#, options: .regularExpression) != nil)
        }
    }

    @Test func limitsMatchSpecShape() async throws {
        try await RESTHarness.with({ $0.dailyAPILimit = 15_000 }) { harness in
            let result = try await harness.get(RESTHarness.api + "/limits")
            #expect(result.status == 200)
            #expect(result.text.contains(#""DailyApiRequests":{"Max":15000,"Remaining":14999}"#))
            #expect(result.text.contains(#""DailyBulkV2QueryJobs":{"Max":10000,"Remaining":10000}"#))
            #expect(result.text.contains(#""DataStorageMB":{"Max":"#))
            #expect(result.header("Sforce-Limit-Info") == "api-usage=1/15000")
        }
    }

    @Test func invalidSessionMatchesSpecErrorExactly() async throws {
        try await RESTHarness.with { harness in
            for token in ["", "00D5e0000000001!nonsense"] {
                let result = try await harness.get(RESTHarness.api + "/query?q=SELECT+Id+FROM+Opportunity", token: token)
                #expect(result.status == 401)
                #expect(result.text == #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)
                #expect(result.header("Content-Type") == "application/json;charset=UTF-8")
            }
        }
    }

    @Test func recordValueFormats() async throws {
        try await RESTHarness.with { harness in
            let created = try await harness.control("POST", "records/Opportunity", """
                {"fields":{"Name":"Formats","StageName":"Negotiation/Review","Amount":"12345678.9","CloseDate":"2024-12-31"},"systemModstamp":"2024-01-02T03:04:05.007Z"}
                """)
            let id = created.object["id"] as? String ?? ""
            let result = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)?fields=Amount,Probability,CloseDate,SystemModstamp,IsClosed,FiscalYear")
            #expect(result.text == #"{"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/\#(id)"},"Amount":1.23456789E7,"Probability":90.0,"CloseDate":"2024-12-31","SystemModstamp":"2024-01-02T03:04:05.007+0000","IsClosed":false,"FiscalYear":2024,"Id":"\#(id)"}"#)
        }
    }
}

/// Text of every kind survives the JSON writer byte for byte.
@Suite struct RESTTextFidelityTests {
    @Test func hostileAndInternationalTextRoundTrips() async throws {
        try await RESTHarness.with({ $0.opportunities = 1200 }) { harness in
            let worst = String(repeating: "\u{1}\u{1B}\"\\\n", count: 2000) + "é😀" + String(repeating: "x", count: 13)
            let created = try await harness.control("POST", "records/Opportunity", """
                {"fields":{"Name":"worst case","StageName":"Prospecting","CloseDate":"2027-01-01","Description":\(Self.jsonString(worst))}}
                """)
            let id = created.object["id"] as? String ?? ""
            let pages = try await harness.queryPages("SELECT Id, Name, NextStep, Description, Account.Name, Owner.Name FROM Opportunity ORDER BY Id", batchSize: 500)
            let records = pages.flatMap(\.records)
            let stored = Dictionary(uniqueKeysWithValues: harness.services.org.snapshot().opportunities.map { ($0.id.rawValue, $0) })
            #expect(records.count == harness.services.org.statistics().liveOpportunities)
            for record in records {
                let id = record["Id"] as? String ?? ""
                let original = try #require(stored[id])
                #expect(record["Name"] as? String == original.name)
                #expect(record["NextStep"] as? String == original.nextStep)
                #expect(record["Description"] as? String == original.description)
            }
            let mine = try #require(records.first { $0["Id"] as? String == id })
            #expect(mine["Description"] as? String == worst)
            #expect(records.contains { ($0["Name"] as? String)?.contains("\u{1B}]2;pwned\u{07}") == true })
        }
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
