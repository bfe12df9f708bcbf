import Foundation
import Testing

@testable import SalesforceEmulator

/// Bulk API 2.0 query jobs: lifecycle, CSV results with locators, abort, delete, refusals.
@Suite struct BulkQueryTests {
    static let jobs = RESTHarness.api + "/jobs/query"

    static func create(_ harness: RESTHarness, _ soql: String, operation: String = "query") async throws -> HTTPResult {
        let body = #"{"operation":"\#(operation)","query":"\#(soql)","contentType":"CSV","columnDelimiter":"COMMA","lineEnding":"LF"}"#
        return try await harness.call("POST", jobs, json: body)
    }

    /// Minimal RFC 4180 reader for the assertions.
    static func parseCSV(_ text: String) -> [[String?]] {
        var rows: [[String?]] = []
        var row: [String?] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
                wasQuoted = true
            } else if character == "," || character == "\n" {
                row.append(wasQuoted || !field.isEmpty ? field : nil)
                field = ""
                wasQuoted = false
                if character == "\n" {
                    rows.append(row)
                    row = []
                }
            } else {
                field.append(character)
            }
        }
        return rows
    }

    @Test func lifecycleWithCSVAndLocators() async throws {
        try await RESTHarness.with({ $0.opportunities = 2500 }) { harness in
            let soql = "SELECT Id, Name, Amount, CloseDate, Account.Name, Owner.Email FROM Opportunity ORDER BY Id"
            let created = try await Self.create(harness, soql)
            #expect(created.status == 200)
            let id = created.object["id"] as? String ?? ""
            #expect(id.hasPrefix("750") && id.count == 18)
            #expect(created.object["state"] as? String == "UploadComplete")
            #expect(created.object["operation"] as? String == "query")
            #expect(created.object["object"] as? String == "Opportunity")
            #expect(created.object["apiVersion"] as? Double == 62.0)
            #expect(created.text.contains(#""apiVersion":62.0"#))

            let early = try await harness.get(Self.jobs + "/\(id)/results")
            #expect(early.status == 412)
            #expect(early.error?.code == "JOB_NOT_COMPLETE")

            let firstPoll = try await harness.get(Self.jobs + "/\(id)")
            #expect(firstPoll.object["state"] as? String == "InProgress")
            let secondPoll = try await harness.get(Self.jobs + "/\(id)")
            #expect(secondPoll.object["state"] as? String == "JobComplete")
            let live = harness.services.org.statistics().liveOpportunities
            #expect(secondPoll.object["numberRecordsProcessed"] as? Int == live)

            var locator: String? = nil
            var rows: [[String?]] = []
            var chunks = 0
            repeat {
                let query = locator.map { "?locator=\($0)&maxRecords=1000" } ?? "?maxRecords=1000"
                let chunk = try await harness.get(Self.jobs + "/\(id)/results" + query)
                #expect(chunk.status == 200)
                #expect(chunk.header("Content-Type") == "text/csv")
                let parsed = Self.parseCSV(chunk.text)
                #expect(parsed.first == ["Id", "Name", "Amount", "CloseDate", "Account.Name", "Owner.Email"])
                #expect(chunk.header("Sforce-NumberOfRecords") == String(parsed.count - 1))
                rows += parsed.dropFirst()
                locator = chunk.header("Sforce-Locator")
                chunks += 1
            } while locator != nil && locator != "null"
            #expect(locator == "null")
            #expect(chunks == (live + 999) / 1000)
            #expect(rows.count == live)
            #expect(Set(rows.compactMap { $0[0] }).count == live)
            #expect(rows.contains { $0[4] == nil })  // no account: empty, not quoted
            #expect(rows.contains { ($0[1] ?? "").contains("\"") || ($0[1] ?? "").unicodeScalars.contains { $0.value > 127 } })

            // Compare one row with the REST view of the same record.
            let sample = try #require(rows.first { $0[2] != nil && $0[4] != nil })
            let rest = try await harness.query("SELECT Id, Name, Amount, CloseDate, Account.Name FROM Opportunity WHERE Id = '\(sample[0] ?? "")'")
            let record = try #require(rest.records.first)
            #expect(record["Name"] as? String == sample[1])
            #expect(record["CloseDate"] as? String == sample[3])
            #expect((record["Account"] as? [String: Any])?["Name"] as? String == sample[4])

            #expect(try await harness.call("DELETE", Self.jobs + "/\(id)").status == 204)
            #expect(try await harness.get(Self.jobs + "/\(id)").status == 404)
        }
    }

    @Test func csvQuotesEveryValueAndEscapesQuotes() async throws {
        try await RESTHarness.with { harness in
            try await harness.control("POST", "records/Opportunity", #"{"fields":{"Name":"Say \"hi\", then\nleave","StageName":"Prospecting","CloseDate":"2027-02-03","Amount":10}}"#)
            let created = try await Self.create(harness, "SELECT Name, Amount, IsWon, NextStep FROM Opportunity WHERE CloseDate = 2027-02-03")
            let id = created.object["id"] as? String ?? ""
            _ = try await harness.get(Self.jobs + "/\(id)")
            _ = try await harness.get(Self.jobs + "/\(id)")
            let results = try await harness.get(Self.jobs + "/\(id)/results")
            #expect(results.text.hasPrefix("\"Name\",\"Amount\",\"IsWon\",\"NextStep\"\n"))
            #expect(results.text.contains("\"Say \"\"hi\"\", then\nleave\",\"10.0\",\"false\",\n"))
        }
    }

    @Test func queryAllJobsIncludeDeletedRows() async throws {
        try await RESTHarness.with { harness in
            let deleted = harness.services.org.statistics().deletedOpportunities
            let created = try await Self.create(harness, "SELECT Id, IsDeleted FROM Opportunity WHERE IsDeleted = true", operation: "queryAll")
            let id = created.object["id"] as? String ?? ""
            _ = try await harness.get(Self.jobs + "/\(id)")
            let done = try await harness.get(Self.jobs + "/\(id)")
            #expect(done.object["numberRecordsProcessed"] as? Int == deleted)
            #expect(deleted > 0)
        }
    }

    @Test func abortListAndRefusals() async throws {
        try await RESTHarness.with { harness in
            let created = try await Self.create(harness, "SELECT Id FROM Opportunity")
            let id = created.object["id"] as? String ?? ""
            let aborted = try await harness.call("PATCH", Self.jobs + "/\(id)", json: #"{"state":"Aborted"}"#)
            #expect(aborted.status == 200)
            #expect(aborted.object["state"] as? String == "Aborted")
            #expect(try await harness.get(Self.jobs + "/\(id)").object["state"] as? String == "Aborted")
            #expect(try await harness.get(Self.jobs + "/\(id)/results").status == 400)
            let list = try await harness.get(Self.jobs)
            #expect((list.records.first)?["id"] as? String == id)
            #expect(list.object["done"] as? Bool == true)

            for soql in ["SELECT COUNT() FROM Opportunity", "SELECT Id FROM Opportunity LIMIT 10 OFFSET 5"] {
                let refused = try await Self.create(harness, soql)
                #expect(refused.status == 400, "\(soql)")
            }
            let malformed = try await Self.create(harness, "SELECT FROM Opportunity")
            #expect(malformed.error?.code == "MALFORMED_QUERY")
            let ordered = try await Self.create(harness, "SELECT Id FROM Opportunity ORDER BY SystemModstamp")
            #expect(ordered.status == 200)
            let badOperation = try await harness.call("POST", Self.jobs, json: #"{"operation":"insert","query":"SELECT Id FROM Opportunity"}"#)
            #expect(badOperation.status == 400)
            #expect(try await harness.get(Self.jobs + "/7505e000001AbCdAAK").status == 404)
            let usage = try await harness.control("GET", "usage")
            #expect(usage.object["bulkJobs"] as? Int == 2)
        }
    }
}
