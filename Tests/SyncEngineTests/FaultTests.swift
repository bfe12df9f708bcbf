import DealdeckCache
import DealdeckCore
import Foundation
import SalesforceAPI
import SalesforceEmulator
import SalesforceSource
import SyncEngine
import Testing

/// Salesforce misbehaving mid-sync: the run retries, restarts from its checkpoint or stops
/// cleanly, and a later run finishes with the cache equal to the org.
@Suite("Faults during a sync", .serialized)
struct FaultTests {
    @Test("A 401 in the middle of paging renews the session and restarts the query after the last page written")
    func sessionExpiresMidPaging() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1000)
        defer { Task { await org.stop() } }
        try await org.fault("invalidSession", count: 1, after: 2, pathContains: "/query/")
        let run = try await org.sync(.full) { $0.batchSize = 200 }
        #expect(run.verification?.isVerified == true)
        #expect(run.counts.new == (try await org.liveRecords().count))
        try await org.expectCacheMatchesOrg()
    }

    @Test("Sessions that really expire mid-paging are renewed; the cursor restarts from the checkpoint")
    func realSessionExpiry() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1000)
        defer { Task { await org.stop() } }
        try await org.fault("slow", count: 1, after: 1, pathContains: "/query/", delaySeconds: 0.6)
        let engine = org.engine { $0.batchSize = 200 }
        let running = Task { await engine.run(kind: .full) }
        try await Task.sleep(for: .milliseconds(300))
        try await org.call("POST", "sessions/expire")
        guard case .success(let run) = await running.value else { Issue.record("the sync failed"); return }
        #expect(run.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }

    @Test("A 503 storm the retries absorb does not stop the sync")
    func shortServiceUnavailableStorm() async throws {
        let org = try await SyncTestOrg.start(opportunities: 800)
        defer { Task { await org.stop() } }
        try await org.fault("serverUnavailable", count: 3, after: 1, pathContains: "/query/")
        let run = try await org.sync(.full) { $0.batchSize = 200 }
        #expect(run.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }

    @Test("A 503 storm longer than the retries stops the sync as a network failure; the next run resumes")
    func longServiceUnavailableStorm() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1000)
        defer { Task { await org.stop() } }
        try await org.fault("serverUnavailable", count: 12, after: 2, pathContains: "/query/")
        let outcome = await org.engine { $0.batchSize = 200 }.run(kind: .full)
        guard case .failure(let failure) = outcome else { Issue.record("the sync should have stopped"); return }
        #expect(failure.reason == .network)
        let partial = try org.database.opportunityCounts().live
        #expect(partial > 0 && partial < 1000, "pages before the storm are kept (\(partial))")
        #expect(try org.database.syncState().checkpoint != nil)
        let log = try org.database.syncRuns()
        #expect(log.first?.error != nil && log.first?.endedAt != nil)

        try await org.call("DELETE", "faults")
        let before = org.apiUsed
        let resumed = try await org.sync() { $0.batchSize = 200 }
        #expect(resumed.kind == .full, "an interrupted full sync is finished, not replaced by an incremental")
        #expect(org.apiUsed - before < 8, "the resumed run reads only what is left")
        #expect(resumed.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }

    @Test("HTML error pages (500 and maintenance 503) are retried like 5xx JSON errors")
    func htmlErrorPages() async throws {
        let org = try await SyncTestOrg.start(opportunities: 600)
        defer { Task { await org.stop() } }
        try await org.fault("html503", count: 2, after: 1, pathContains: "/query/")
        try await org.fault("html500", count: 1, pathContains: "/composite/")
        let run = try await org.sync(.full) { $0.batchSize = 200 }
        #expect(run.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }

    @Test("REQUEST_LIMIT_EXCEEDED stops the sync cleanly, checkpoint kept; the next run finishes it")
    func requestLimitExceeded() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1000)
        defer { Task { await org.stop() } }
        try await org.fault("requestLimitExceeded", count: 1, after: 2, pathContains: "/query/")
        let outcome = await org.engine { $0.batchSize = 200 }.run(kind: .full)
        guard case .failure(let failure) = outcome else { Issue.record("the sync should have stopped"); return }
        #expect(failure.reason == .rateLimited)
        #expect(failure.description.contains("24 hours"))
        #expect(try org.database.syncRuns().first?.errorCause == "REQUEST_LIMIT_EXCEEDED")
        #expect(try org.database.syncState().checkpoint != nil)
        let resumed = try await org.sync() { $0.batchSize = 200 }
        #expect(resumed.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }

    @Test("A sync that would pass the API share does not start, and says how much is used and when to retry")
    func apiShareRefusesToStart() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1000, dailyLimit: 10)
        defer { Task { await org.stop() } }
        let outcome = await org.engine { $0.batchSize = 200 }.run(kind: .full)
        guard case .failure(let failure) = outcome else { Issue.record("the sync should not have started"); return }
        #expect(failure.reason == .rateLimited)
        #expect(failure.message.contains("1 of 10 calls"), "\(failure.message)")
        #expect(failure.fix?.contains("at the latest") == true)
        #expect(try org.database.opportunityCounts().live == 0)
        #expect(org.apiUsed == 1, "only the first round trip was made")
    }

    @Test("The API share stops a sync between pages")
    func apiShareStopsBetweenPages() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1000, dailyLimit: 20)
        defer { Task { await org.stop() } }
        // Another integration spends calls while the sync pages: the share is passed midway.
        try await org.fault("slow", count: 1, after: 1, pathContains: "/query/", delaySeconds: 0.5)
        let engine = org.engine { $0.batchSize = 200 }
        let running = Task { await engine.run(kind: .full) }
        // Spend the calls once the first page is in the cache, while the slowed second page is
        // on its way (a fixed sleep raced a busy machine: the calls went before any page).
        let deadline = ContinuousClock.now + .seconds(30)
        while try org.database.opportunityCounts().live == 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        for _ in 0..<5 { _ = org.emulator.services.usage.count() }
        let outcome = await running.value
        guard case .failure(let failure) = outcome else { Issue.record("the sync should have stopped"); return }
        #expect(failure.reason == .rateLimited)
        let partial = try org.database.opportunityCounts().live
        #expect(partial > 0 && partial < 998)
        #expect(try org.database.syncState().checkpoint != nil)
    }

    @Test("An expired query locator restarts the query from the checkpoint")
    func expiredLocator() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1000) { $0.queryLocatorLifetimeSeconds = 60 }
        defer { Task { await org.stop() } }
        try await org.fault("slow", count: 1, after: 1, pathContains: "/query/", delaySeconds: 0.6)
        let engine = org.engine { $0.batchSize = 200 }
        let running = Task { await engine.run(kind: .full) }
        try await Task.sleep(for: .milliseconds(300))
        try await org.call("POST", "clock/advance", #"{"seconds":120}"#)
        guard case .success(let run) = await running.value else { Issue.record("the sync failed"); return }
        #expect(run.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }

    @Test("An expired refresh token ends the run with sign in again; the cache stays browsable")
    func signInNeeded() async throws {
        let org = try await SyncTestOrg.start(opportunities: 300)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        let cached = try org.database.opportunityCounts()
        // A web or device sign-in: renewal goes through a refresh token, which has expired.
        var session = await org.client.currentSession
        session.refreshToken = "5Aep861expired.refresh.token"
        let client = SalesforceClient(session: session, renewal: .refreshToken(org.oauth))
        try await org.call("POST", "sessions/expire")
        let outcome = await org.engine(source: SalesforceSource(client: client)).run(kind: .incremental)
        guard case .failure(let failure) = outcome else { Issue.record("the sync should have stopped"); return }
        #expect(failure.reason == .signInNeeded)
        #expect(failure.description.contains("dealdeck login"))
        #expect(try org.database.opportunityCounts() == cached ? true : false)
    }

    @Test("A second sync of the same cache is refused while one runs, naming the process")
    func oneSyncAtATime() async throws {
        let org = try await SyncTestOrg.start(opportunities: 600)
        defer { Task { await org.stop() } }
        try await org.fault("slow", count: 1, pathContains: "/composite/", delaySeconds: 0.5)
        let first = org.engine()
        let running = Task { await first.run(kind: .full) }
        try await Task.sleep(for: .milliseconds(150))
        let second = org.engine()
        #expect(await second.start(kind: .incremental) == false)
        let outcome = await second.run(kind: .incremental)
        guard case .failure(let failure) = outcome else { Issue.record("the second sync should be refused"); return }
        #expect(failure.reason == .alreadyRunning)
        #expect(failure.message.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
        guard case .success = await running.value else { Issue.record("the first sync failed"); return }
        try await org.expectCacheMatchesOrg()
    }
}
