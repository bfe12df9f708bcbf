import DealdeckCache
import DealdeckCore
import Foundation
import SyncEngine
import Testing

/// Full then incremental syncs against the emulator: every scenario ends with the cache equal
/// to the org, field for field.
@Suite("Full and incremental sync", .serialized)
struct IncrementalSyncTests {
    @Test("A full sync copies the org; an incremental sync with nothing changed is one API call")
    func fullThenNothingChanged() async throws {
        let org = try await SyncTestOrg.start(opportunities: 450)
        defer { Task { await org.stop() } }
        let live = try await org.liveRecords().count
        let full = try await org.sync(.full)
        #expect(full.kind == .full)
        #expect(full.counts.new == live)
        #expect(full.verification == SyncVerification(remoteCount: live, cachedCount: live))
        try await org.expectCacheMatchesOrg()
        let state = try org.database.syncState()
        #expect(state.instanceURL == org.emulator.urls.myDomainURL)
        #expect(state.orgId?.hasPrefix("00D") == true)
        #expect(state.checkpoint == nil)

        let before = org.apiUsed
        let incremental = try await org.sync()
        #expect(incremental.kind == .incremental)
        #expect(org.apiUsed - before == 1, "an incremental sync with nothing changed is one round trip")
        #expect(incremental.apiCallsUsed == 1)
        #expect(incremental.counts == SyncCounts())
        #expect(incremental.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }

    @Test("Creates, updates, deletes and undeletes reach the cache; memberships survive a delete")
    func createsUpdatesDeletesUndeletes() async throws {
        let org = try await SyncTestOrg.start(opportunities: 200)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        let ids = try await org.liveIDs(6)
        try org.database.addUser(AppUser(loginName: "ana", displayName: "Ana", role: .member))
        try org.database.assign("ana", to: ids[2], by: nil)
        let created = try await org.create(name: "Brand new deal", amount: "98765.43")
        try await org.update(ids[0], #"{"StageName":"Closed Won","Amount":1000000.01,"NextStep":"Sign"}"#)
        try await org.update(ids[1], #"{"Name":"Renamed — Société Générale","Description":null}"#)
        try await org.delete(ids[2])
        try await org.delete(ids[3])

        let run = try await org.sync()
        #expect(run.counts == SyncCounts(new: 1, updated: 2, deleted: 2, undeleted: 0))
        #expect(run.verification?.isVerified == true)
        #expect(try org.database.opportunity(id: ids[2])?.deletedAt != nil)
        #expect(try org.database.opportunity(id: created)?.opportunity.amount == Decimal(string: "98765.43"))
        try await org.expectCacheMatchesOrg()

        try await org.undelete(ids[2])
        let again = try await org.sync()
        #expect(again.counts.undeleted == 1)
        #expect(try org.database.opportunity(id: ids[2])?.deletedAt == nil)
        #expect(try org.database.members(of: ids[2]).map(\.userLoginName) == ["ana"], "memberships come back with the record")
        try await org.expectCacheMatchesOrg()
    }

    @Test("A burst of records sharing one SystemModstamp is read completely, even across a restart inside the tie")
    func identicalModstampBurst() async throws {
        let org = try await SyncTestOrg.start(opportunities: 700)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        // 650 records with one identical stamp: at 200 rows a page the tie spans four pages.
        try await org.call("POST", "opportunities/touch", #"{"count":650}"#)
        // A session expiry after the second page forces a restart from a cursor in the tie.
        try await org.fault("invalidSession", count: 1, after: 1, pathContains: "/query/")
        let run = try await org.sync(.incremental) { $0.batchSize = 200 }
        #expect(run.counts.updated == 650)
        #expect(run.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()
    }
}

@Suite("Changes while a sync pages", .serialized)
struct ConcurrentChangeTests {
    @Test("Records created, changed and deleted while a full sync pages are in the cache when it ends")
    func changesDuringPaging() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1200)
        defer { Task { await org.stop() } }
        let ids = try await org.liveIDs(1200)
        // The third page answers after a second; meanwhile the org changes behind and ahead of the cursor.
        try await org.fault("slow", count: 1, after: 1, pathContains: "/query/", delaySeconds: 1)
        let engine = org.engine { $0.batchSize = 200 }
        let running = Task { await engine.run(kind: .full) }
        try await Task.sleep(for: .milliseconds(400))
        try await org.update(ids[0], #"{"Name":"Changed while paging"}"#)
        try await org.update(ids[ids.count - 1], #"{"Amount":42}"#)
        let created = try await org.create(name: "Created while paging")
        try await org.delete(ids[5])
        guard case .success(let run) = await running.value else { Issue.record("the sync failed"); return }
        #expect(run.verification?.isVerified == true)
        #expect(try org.database.opportunity(id: created) != nil)
        try await org.expectCacheMatchesOrg()
    }
}
