import DealdeckCache
import DealdeckCore
import Foundation
import SyncEngine
import Testing

/// Deletes Salesforce forgot (purged from the recycle bin) and large initial loads.
@Suite("Sweeps and bulk loads", .serialized)
struct RecoveryTests {
    @Test("Deletes purged after 15 days are found by the ID sweep")
    func purgeBeyondFifteenDays() async throws {
        let org = try await SyncTestOrg.start(opportunities: 500)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        let ids = try await org.liveIDs(40)
        for id in ids.suffix(3) { try await org.delete(id) }
        // 16 days later the recycle bin has forgotten them; queryAll no longer returns them.
        try await org.call("POST", "clock/advance", #"{"seconds":1382400}"#)
        let run = try await org.sync()
        #expect(run.counts.deleted == 3)
        #expect(run.verification?.isVerified == true)
        for id in ids.suffix(3) { #expect(try org.database.opportunity(id: id)?.deletedAt != nil) }
        try await org.expectCacheMatchesOrg()
    }

    @Test("An emptied recycle bin is noticed through Get Deleted and repaired by the sweep")
    func recycleBinPurged() async throws {
        let org = try await SyncTestOrg.start(opportunities: 500)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        let ids = try await org.liveIDs(10)
        try await org.delete(ids[1])
        try await org.delete(ids[2])
        try await org.call("POST", "recycle-bin/purge")
        // A record created elsewhere meanwhile must survive the sweep.
        let created = try await org.create(name: "Created after the purge")
        let run = try await org.sync()
        #expect(run.counts.deleted == 2)
        #expect(run.counts.new == 1)
        #expect(try org.database.opportunity(id: created)?.deletedAt == nil)
        try await org.expectCacheMatchesOrg()
    }

    @Test("A full sync over a filled cache tombstones the rows it did not see; into an empty cache it has none to look for")
    func fullSyncTombstonesUnseenRows() async throws {
        let org = try await SyncTestOrg.start(opportunities: 300)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        let ids = try await org.liveIDs(10)
        try await org.delete(ids[3])
        try await org.delete(ids[4])
        try await org.call("POST", "recycle-bin/purge")
        let run = try await org.sync(.full)
        #expect(run.counts.deleted == 2, "purged records are not in queryAll: only the tombstoning finds them")
        #expect(run.verification?.repaired == false)
        for id in ids[3...4] { #expect(try org.database.opportunity(id: id)?.deletedAt != nil) }
        try await org.expectCacheMatchesOrg()
    }

    @Test("A search-index build file left by a sync killed during its index builds is removed by the next sync")
    func leftoverBuildFileIsRemoved() async throws {
        let org = try await SyncTestOrg.start(opportunities: 50)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        let leftover = org.directory + "/cache.sqlite.fts-build"
        try Data("half a build".utf8).write(to: URL(fileURLWithPath: leftover))
        try Data().write(to: URL(fileURLWithPath: leftover + "-journal"))

        try await org.sync(.incremental)

        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(!FileManager.default.fileExists(atPath: leftover + "-journal"))
        try await org.expectCacheMatchesOrg()
    }

    @Test("A cache that lost rows is repaired by the count check and the sweep")
    func countMismatchRepaired() async throws {
        let org = try await SyncTestOrg.start(opportunities: 400)
        defer { Task { await org.stop() } }
        try await org.sync(.full)
        // Rows vanish from the cache behind the engine's back (a tombstone written by mistake).
        let ids = try await org.liveIDs(5)
        try org.database.markDeleted(Array(ids), at: SalesforceTimestamp(millisecondsSinceEpoch: 0))
        let run = try await org.sync()
        #expect(run.verification?.repaired == true)
        #expect(run.verification?.isVerified == true)
        #expect(run.counts.undeleted == 5)
        try await org.expectCacheMatchesOrg()
    }

    @Test("Above the threshold the initial load goes through a Bulk API job, resumable by locator")
    func bulkLoad() async throws {
        let org = try await SyncTestOrg.start(opportunities: 3000)
        defer { Task { await org.stop() } }
        // The third results chunk is refused: the run stops, the job and locator stay in the checkpoint.
        try await org.fault("requestLimitExceeded", count: 1, after: 2, pathContains: "/results")
        let adjust: (inout SyncConfiguration) -> Void = {
            $0.bulkThreshold = 1000
            $0.bulkChunkSize = 500
        }
        let outcome = await org.engine(adjust).run(kind: .full)
        guard case .failure(let failure) = outcome else { Issue.record("the sync should have stopped"); return }
        #expect(failure.reason == .rateLimited)
        #expect(try org.database.opportunityCounts().live + org.database.opportunityCounts().deleted == 1000)
        #expect(org.emulator.services.usage.bulkJobsUsed == 1)

        let run = try await org.sync(.full, adjust)
        #expect(org.emulator.services.usage.bulkJobsUsed == 1, "the resumed run reuses the job")
        #expect(run.counts.new + run.counts.deleted == 2000, "only the chunks not written before")
        #expect(run.verification?.isVerified == true)
        try await org.expectCacheMatchesOrg()

        // Incremental syncs after a bulk load work from its watermark.
        let ids = try await org.liveIDs(2)
        try await org.update(ids[1], #"{"Name":"After the bulk load"}"#)
        let incremental = try await org.sync(.incremental, adjust)
        #expect(incremental.counts.updated == 1)
        try await org.expectCacheMatchesOrg()
    }

    @Test("An initial load drops the list indexes while it writes and rebuilds them, also after an interruption")
    func deferredIndexes() async throws {
        let org = try await SyncTestOrg.start(opportunities: 1500)
        defer { Task { await org.stop() } }
        let adjust: (inout SyncConfiguration) -> Void = {
            $0.deferIndexesAbove = 100
            $0.batchSize = 500
        }
        try await org.fault("serverUnavailable", count: 8, after: 1, pathContains: "/query/")
        guard case .failure = await org.engine(adjust).run(kind: .full) else { Issue.record("the load should have stopped"); return }
        #expect(try await org.database.hasDeferredIndexes(), "the interrupted load left its indexes out")
        #expect(try org.database.opportunityCounts().live > 0)
        try await org.call("DELETE", "faults")

        let engine = org.engine(adjust)
        guard case .success(let run) = await engine.run(kind: .incremental) else { Issue.record("the resumed load failed"); return }
        #expect(run.kind == .full)
        #expect(try await org.database.hasDeferredIndexes() == false, "the finished load rebuilt them")
        try await org.expectCacheMatchesOrg()
        // Salesforce counted while the indexes were built, and the count agreed.
        let verification = try #require(run.verification)
        #expect(verification.remoteCount == verification.cachedCount && verification.remoteCount > 1000 && !verification.repaired)
        var phases: [SyncPhase] = []
        for await event in engine.events {
            if case .progress(let progress) = event, phases.last != progress.phase { phases.append(progress.phase) }
            if case .finished = event { break }
        }
        #expect(phases.contains(.indexing) && phases.last == .verifying, "\(phases)")
        // The lists still work (and sort by their indexes again).
        let page = try org.database.opportunities(
            OpportunityListRequest(scope: .all, sort: OpportunitySort(field: .name), today: CalendarDate(daysSinceEpoch: 20_000)), limit: 20)
        #expect(!page.isEmpty)
        // Search finds the loaded rows: the full-text index was rebuilt with its triggers.
        let sample = try #require(page.first?.name.split(separator: " ").first.map(String.init))
        let found = try org.database.opportunities(
            OpportunityListRequest(
                scope: .all, filter: try OpportunityFilter(parsing: sample), sort: OpportunitySort(field: .name),
                today: CalendarDate(daysSinceEpoch: 20_000)),
            limit: 20)
        #expect(!found.isEmpty, "nothing found for \(sample)")
        // And the full-text triggers are back: a rename synced afterwards is found by its new name.
        let renamed = try #require(page.first?.id)
        try await org.call("PATCH", "records/Opportunity/\(renamed.rawValue)", #"{"fields":{"Name":"Zanzibar renewal"}}"#)
        try await org.sync(.incremental, adjust)
        let search = OpportunityListRequest(
            scope: .all, filter: try OpportunityFilter(parsing: "zanzibar"), sort: OpportunitySort(field: .name), today: CalendarDate(daysSinceEpoch: 20_000))
        #expect(try org.database.opportunities(search, limit: 20).map(\.id) == [renamed])
    }
}
