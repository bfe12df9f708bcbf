import AsyncHTTPClient
import Foundation
import Testing

@testable import SalesforceEmulator

/// Every fault kind, the "after K" and path filters, and their interplay with paging.
@Suite struct FaultInjectionTests {
    static let limits = RESTHarness.api + "/limits"

    @Test(arguments: [
        ("serverUnavailable", 503, "SERVER_UNAVAILABLE"),
        ("invalidSession", 401, "INVALID_SESSION_ID"),
        ("requestLimitExceeded", 403, "REQUEST_LIMIT_EXCEEDED"),
        ("concurrentRequestLimitExceeded", 403, "REQUEST_LIMIT_EXCEEDED"),
        ("queryTimeout", 400, "QUERY_TIMEOUT"),
        ("apiDisabled", 403, "API_DISABLED_FOR_ORG"),
    ])
    func jsonFaults(kind: String, status: Int, code: String) async throws {
        try await RESTHarness.with { harness in
            #expect(try await harness.control("POST", "faults", #"{"kind":"\#(kind)","count":2}"#).status == 200)
            for _ in 0..<2 {
                let failed = try await harness.get(Self.limits)
                #expect(failed.status == status)
                #expect(failed.error?.code == code)
                #expect(failed.header("Content-Type") == "application/json;charset=UTF-8")
            }
            #expect(try await harness.get(Self.limits).status == 200)
        }
    }

    @Test func faultMessagesAreSalesforcesWording() async throws {
        try await RESTHarness.with { harness in
            for kind in ["requestLimitExceeded", "concurrentRequestLimitExceeded", "queryTimeout", "apiDisabled"] {
                try await harness.control("POST", "faults", #"{"kind":"\#(kind)"}"#)
            }
            let messages = [
                "TotalRequests Limit exceeded.", "ConcurrentRequests (Concurrent API Requests) Limit exceeded.",
                "Your query request was running for too long.", "The REST API is not enabled for this Organization.",
            ]
            for message in messages {
                #expect(try await harness.get(Self.limits).error?.message == message)
            }
        }
    }

    @Test(arguments: [("html500", 500), ("html503", 503)])
    func htmlFaults(kind: String, status: Int) async throws {
        try await RESTHarness.with { harness in
            try await harness.control("POST", "faults", #"{"kind":"\#(kind)"}"#)
            let failed = try await harness.get(Self.limits)
            #expect(failed.status == status)
            #expect(failed.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(failed.text.contains("<html>"))
        }
    }

    @Test func slowResponsesArriveLate() async throws {
        try await RESTHarness.with { harness in
            try await harness.control("POST", "faults", #"{"kind":"slow","delaySeconds":1.2}"#)
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await harness.get(Self.limits)
            #expect(result.status == 200)
            #expect(clock.now - started >= .seconds(1.1))
        }
    }

    @Test func truncatedBodiesBreakTheConnection() async throws {
        try await RESTHarness.with { harness in
            try await harness.control("POST", "faults", #"{"kind":"truncated","truncateAfterBytes":100}"#)
            await #expect(throws: (any Error).self) {
                _ = try await harness.query("SELECT Id, Name FROM Opportunity")
            }
            #expect(try await harness.query("SELECT Id, Name FROM Opportunity").status == 200)
        }
    }

    @Test func failAfterKSuccessfulRequestsHitsPageThree() async throws {
        try await RESTHarness.with({ $0.opportunities = 1500 }) { harness in
            try await harness.control("POST", "faults", #"{"kind":"serverUnavailable","after":2,"pathContains":"/query"}"#)
            let first = try await harness.query("SELECT Id FROM Opportunity", batchSize: 200)
            #expect(first.status == 200)
            // Calls to other paths neither fail nor count toward "after".
            #expect(try await harness.get(Self.limits).status == 200)
            let second = try await harness.get(first.object["nextRecordsUrl"] as? String ?? "")
            #expect(second.status == 200)
            let thirdURL = second.object["nextRecordsUrl"] as? String ?? ""
            let third = try await harness.get(thirdURL)
            #expect(third.status == 503)
            // The cursor survives the failure: retrying the same page works.
            let retry = try await harness.get(thirdURL)
            #expect(retry.status == 200)
            #expect(retry.records.count == 200)
            #expect((try await harness.control("GET", "faults").object["faults"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func unauthorizedMidPagingViaFault() async throws {
        try await RESTHarness.with { harness in
            try await harness.control("POST", "faults", #"{"kind":"invalidSession","pathContains":"/query/"}"#)
            let first = try await harness.query("SELECT Id FROM Opportunity", batchSize: 500)
            let next = first.object["nextRecordsUrl"] as? String ?? ""
            #expect(try await harness.get(next).status == 401)
            #expect(try await harness.get(next).status == 200)
        }
    }

    @Test func unknownKindIsRefusedAndFaultsCanBeCleared() async throws {
        try await RESTHarness.with { harness in
            #expect(try await harness.control("POST", "faults", #"{"kind":"meteor"}"#).status == 400)
            try await harness.control("POST", "faults", #"{"kind":"apiDisabled","count":5}"#)
            #expect((try await harness.control("GET", "faults").object["faults"] as? [Any])?.count == 1)
            try await harness.control("DELETE", "faults")
            #expect(try await harness.get(Self.limits).status == 200)
        }
    }
}
