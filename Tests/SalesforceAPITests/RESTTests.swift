import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceAPI
import SalesforceEmulator
import Synchronization
import Testing

@Suite("REST: queries, describe, replication, limits and errors")
struct RESTTests {
    @Test func queryPagesFollowNextRecordsURL() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            let live = try await harness.opportunityCounts().live
            var pages: [QueryPage] = []
            for try await page in client.query(
                "SELECT Id, Name, Amount, CloseDate, SystemModstamp, AccountId, Account.Name, Owner.Name FROM Opportunity ORDER BY Id", batchSize: 200
            ) {
                pages.append(page)
            }
            #expect(pages.count == 2)
            #expect(pages.map(\.records.count) == [200, live - 200])
            #expect(pages.allSatisfy { $0.totalSize == live })
            #expect(pages.last?.done == true && pages.first?.done == false)
            let records = pages.flatMap(\.records)
            #expect(Set(records.compactMap(\.id)).count == live)
            for record in records {
                #expect(record.type == "Opportunity")
                #expect(record.string("Name")?.isEmpty == false)
                #expect(record.date("CloseDate") != nil)
                #expect(record.timestamp("SystemModstamp") != nil)
                #expect(record.string("Owner.Name") != nil)
                if record["AccountId"] == .null { #expect(record["Account.Name"] == .null) } else { #expect(record.string("Account.Name") != nil) }
            }
            #expect(client.apiCallCount == 2)
        }
    }

    @Test func queryAllSeesTheRecycleBin() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            let before = try await harness.opportunityCounts()
            let victim = try #require(try await client.records("SELECT Id FROM Opportunity ORDER BY Id LIMIT 1").first?.id)
            try await harness.control("DELETE", "records/Opportunity/\(victim.rawValue)")
            #expect(try await client.count("SELECT COUNT() FROM Opportunity") == before.live - 1)
            var deleted: [SalesforceID] = []
            for try await page in client.queryAll("SELECT Id, IsDeleted FROM Opportunity") {
                deleted += page.records.filter { $0.bool("IsDeleted") == true }.compactMap(\.id)
            }
            #expect(deleted.count == before.deleted + 1)
            #expect(deleted.contains(victim))
        }
    }

    @Test func describeRecordAndLimits() async throws {
        try await withEmulator({ $0.multiCurrency = true }) { harness in
            let client = try harness.client(try await harness.passwordSession())
            let description = try await client.describe(sObject: "Opportunity")
            #expect(description.name == "Opportunity" && description.keyPrefix == "006")
            #expect(description.hasCurrencyIsoCode)
            #expect(description.field(named: "amount")?.type == "currency")
            #expect(description.field(named: "AccountId")?.relationshipName == "Account")
            #expect(description.field(named: "StageName")?.picklistValues?.contains { $0.value == "Closed Won" } == true)

            let id = try #require(try await client.records("SELECT Id FROM Opportunity LIMIT 1").first?.id)
            let record = try await client.record(sObject: "Opportunity", id: id, fields: ["Name", "StageName"])
            #expect(record.id == id && record.string("StageName") != nil)

            let limits = try await client.limits()
            #expect(limits["DailyApiRequests"]?.max == 100_000)
            let usage = try #require(client.apiUsage)
            #expect(usage.limit == 100_000 && usage.used >= 3)
            #expect(client.apiCallCount == 4)
            let versions = try await client.versions()
            #expect(versions.contains { $0.version == "62.0" })
        }
    }

    @Test func singleCurrencyOrgsHaveNoCurrencyField() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            #expect(try await client.describe(sObject: "Opportunity").hasCurrencyIsoCode == false)
            let error = await apiError { _ = try await client.records("SELECT Id, CurrencyIsoCode FROM Opportunity") }
            guard case .invalidField(let message) = error else {
                Issue.record("expected INVALID_FIELD, got \(String(describing: error))")
                return
            }
            #expect(message.contains("CurrencyIsoCode"))
        }
    }

    @Test func updatedAndDeletedWindows() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            let now = SalesforceTimestamp(secondsSinceEpoch: Date().timeIntervalSince1970)
            let tenMinutesAgo = now.adding(milliseconds: -600_000)
            let touched = try await harness.control("POST", "opportunities/touch", json: "{\"count\":5,\"systemModstamp\":\"\(tenMinutesAgo)\"}")
            let touchedIDs = Set((try JSONSerialization.jsonObject(with: Data(touched.body)) as? [String: Any])?["ids"] as? [String] ?? [])
            #expect(touchedIDs.count == 5)
            let updated = try await client.updated(sObject: "Opportunity", start: now.adding(milliseconds: -3_600_000), end: now)
            #expect(touchedIDs.isSubset(of: Set(updated.ids.map(\.rawValue))))
            #expect(updated.latestDateCovered != nil)

            let victim = try #require(updated.ids.first)
            try await harness.control("DELETE", "records/Opportunity/\(victim.rawValue)")
            try await harness.advanceClock(seconds: 120)
            let deleted = try await client.deleted(
                sObject: "Opportunity", start: now.adding(milliseconds: -3_600_000), end: now.adding(milliseconds: 3_600_000))
            #expect(deleted.records.map(\.id) == [victim])
            #expect(deleted.records.first?.deletedDate != nil)
            #expect(deleted.earliestDateAvailable != nil && deleted.latestDateCovered != nil)
        }
    }

    @Test func queryErrorsAreTyped() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            guard case .malformedQuery = await apiError({ _ = try await client.count("SELEC Id FROM Opportunity") }) else {
                Issue.record("expected MALFORMED_QUERY")
                return
            }
            guard case .invalidField = await apiError({ _ = try await client.records("SELECT Foo FROM Opportunity") }) else {
                Issue.record("expected INVALID_FIELD")
                return
            }
            let missing = try SalesforceID(validating: "0065e0000099999")
            guard case .notFound(let code, _) = await apiError({ _ = try await client.record(sObject: "Opportunity", id: missing) }) else {
                Issue.record("expected NOT_FOUND")
                return
            }
            #expect(code == "NOT_FOUND")
            let dead = await apiError { _ = try await client.manualQueryMore("0:/services/data/v62.0/query/01g5e0000009999AAA-200", batchSize: nil) }
            #expect(dead == .invalidQueryLocator)
        }
    }

    @Test func faultsMapToTypedErrors() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            let soql = "SELECT COUNT() FROM Opportunity"
            let cases: [(String, (SalesforceAPIError?) -> Bool)] = [
                ("requestLimitExceeded", { if case .requestLimitExceeded = $0 { return $0?.category == .rateLimited } else { return false } }),
                (
                    "concurrentRequestLimitExceeded",
                    { if case .requestLimitExceeded(let m) = $0 { return m.contains("Concurrent") } else { return false } }
                ),
                ("apiDisabled", { if case .apiDisabledForOrg = $0 { return true } else { return false } }),
                ("queryTimeout", { if case .queryTimeout = $0 { return true } else { return false } }),
            ]
            for (kind, matches) in cases {
                try await harness.addFault(kind)
                let before = client.apiCallCount
                let error = await apiError { _ = try await client.count(soql) }
                #expect(matches(error), "\(kind) gave \(String(describing: error))")
                #expect(client.apiCallCount == before + 1, "\(kind) must not be retried")
            }
        }
    }

    @Test func transientFailuresAreRetriedWithBackoff() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            let live = try await harness.opportunityCounts().live
            let soql = "SELECT COUNT() FROM Opportunity"
            for kind in ["serverUnavailable", "html503", "html500", "truncated"] {
                try await harness.addFault(kind, count: 2)
                let before = client.apiCallCount
                #expect(try await client.count(soql) == live, "\(kind) twice, then success")
                #expect(client.apiCallCount == before + 3)
            }
            try await harness.addFault("serverUnavailable", count: 10)
            let down = await apiError { _ = try await client.count(soql) }
            #expect(down == .serverUnavailable(status: 503, host: "localhost:\(harness.port)"))
            #expect(down?.category == .network)
            try await harness.clearFaults()
            try await harness.addFault("html500", count: 10)
            #expect(await apiError { _ = try await client.count(soql) } == .htmlResponse(status: 500, host: "localhost:\(harness.port)"))
        }
    }

    @Test func backoffSleepsGrowAndAreCapped() async throws {
        try await withEmulator { harness in
            let sleeps = SleepLog()
            let retry = RetryPolicy(
                maximumAttempts: 5, baseDelay: .milliseconds(100), maximumDelay: .milliseconds(300), sleep: sleeps.sleep, random: { 0.999 })
            let client = SalesforceClient(session: try await harness.passwordSession(), retry: retry)
            let live = try await harness.opportunityCounts().live
            try await harness.addFault("serverUnavailable", count: 4)
            #expect(try await client.count("SELECT COUNT() FROM Opportunity") == live)
            let waits = sleeps.durations
            #expect(waits.count == 4)
            #expect(waits[1] > waits[0] && waits[2] > waits[1])
            #expect(waits.allSatisfy { $0 <= .milliseconds(300) })
        }
    }

    @Test func htmlFromAWrongHostIsNotJSON() async throws {
        try await withEmulator { harness in
            // The emulator serves its Lightning persona for *.lightning.force.com Host headers.
            let transport = hostRewriting("dealdeck-demo.lightning.force.com:\(harness.port)")
            let client = try harness.client(try await harness.passwordSession(), transport: transport)
            let error = await apiError { _ = try await client.count("SELECT COUNT() FROM Opportunity") }
            guard case .htmlResponse(let status, _) = error else {
                Issue.record("expected htmlResponse, got \(String(describing: error))")
                return
            }
            #expect(status == 200)
        }
    }

    @Test func unreachableHostIsANetworkError() async throws {
        let client = SalesforceClient(session: SalesforceSession(accessToken: "x", instanceURL: "http://127.0.0.1:1"), retry: fastRetry)
        let error = await apiError { _ = try await client.count("SELECT COUNT() FROM Opportunity") }
        guard case .network(let host, let reason) = error else {
            Issue.record("expected a network error, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1:1")
        #expect(reason.contains("refused"))
        #expect(error?.category == .network)
        #expect(client.apiCallCount == 4, "connection failures of reads are retried")
    }
}

/// Records the durations a retry policy sleeps.
final class SleepLog: Sendable {
    private let log = Mutex<[Duration]>([])

    var durations: [Duration] { log.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in self.log.withLock { $0.append(duration) } }
    }
}
