import Foundation
import Testing

@testable import SalesforceEmulator

/// Daily API usage: the header on every counted call, the limit stop, the control knobs.
@Suite struct RESTLimitsTests {
    @Test func everyCountedCallCarriesUsage() async throws {
        try await RESTHarness.with({ $0.dailyAPILimit = 500 }) { harness in
            let first = try await harness.query("SELECT Id FROM Opportunity LIMIT 1")
            #expect(first.header("Sforce-Limit-Info") == "api-usage=1/500")
            let second = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/describe")
            #expect(second.header("Sforce-Limit-Info") == "api-usage=2/500")
            let failing = try await harness.query("SELECT Nope FROM Opportunity")
            #expect(failing.status == 400)
            #expect(failing.header("Sforce-Limit-Info") == "api-usage=3/500")
            let versions = try await RESTHarness.send("GET", harness.base + "/services/data/")
            #expect(versions.header("Sforce-Limit-Info") == nil)
            let unauthenticated = try await harness.get(RESTHarness.api + "/limits", token: "bogus")
            #expect(unauthenticated.header("Sforce-Limit-Info") == nil)
            let usage = try await harness.control("GET", "usage")
            #expect(usage.object["used"] as? Int == 3)
        }
    }

    @Test func overTheLimitEveryCallIs403() async throws {
        try await RESTHarness.with({ $0.dailyAPILimit = 3 }) { harness in
            for _ in 0..<3 { #expect(try await harness.get(RESTHarness.api + "/limits").status == 200) }
            let refused = try await harness.get(RESTHarness.api + "/limits")
            #expect(refused.status == 403)
            #expect(refused.text == #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#)
            #expect(refused.header("Sforce-Limit-Info") == "api-usage=3/3")
            #expect(try await harness.query("SELECT Id FROM Opportunity").status == 403)
            // Raising the limit, or a day passing, lets calls through again.
            try await harness.control("POST", "usage/limit", #"{"dailyLimit":4}"#)
            #expect(try await harness.get(RESTHarness.api + "/limits").status == 200)
            #expect(try await harness.get(RESTHarness.api + "/limits").status == 403)
            try await harness.control("POST", "clock/advance", #"{"seconds":86460}"#)
            // The session timed out overnight; signing in does not count as an API call.
            let morning = try await harness.newSession()
            let nextDay = try await harness.get(RESTHarness.api + "/limits", token: morning)
            #expect(nextDay.status == 200)
            #expect(nextDay.header("Sforce-Limit-Info") == "api-usage=1/4")
            try await harness.control("POST", "usage/reset")
            #expect(try await harness.control("GET", "usage").object["used"] as? Int == 0)
        }
    }

    @Test func recordCountAndLimitsRemaining() async throws {
        try await RESTHarness.with({ $0.dailyAPILimit = 1000 }) { harness in
            let live = harness.services.org.statistics().liveOpportunities
            let counts = try await harness.get(RESTHarness.api + "/limits/recordCount?sObjects=Opportunity")
            #expect(counts.text == #"{"sObjects":[{"count":\#(live),"name":"Opportunity"}]}"#)
            let limits = try await harness.get(RESTHarness.api + "/limits")
            let daily = limits.object["DailyApiRequests"] as? [String: Any]
            #expect(daily?["Max"] as? Int == 1000)
            #expect(daily?["Remaining"] as? Int == 998)
        }
    }
}
