import DealdeckCore
import Foundation
import Testing
@testable import TerminalUI

@Suite struct ReducerSyncTests {
    let cache = FakeCache(rows: Fixtures.rows(Fixtures.sample))

    @Test func sStartsAnIncrementalSyncAndShiftSAFullOne() {
        var state = Fixtures.state()
        #expect(AppReducer.reduce(&state, .key(.character("s"))) == [.startSync(.incremental)])
        #expect(state.sync.running == RunningSync(kind: .incremental, startedAt: Fixtures.now))
        var full = Fixtures.state()
        #expect(AppReducer.reduce(&full, .key(.character("S"))) == [.startSync(.full)])
        var f5 = Fixtures.state()
        #expect(AppReducer.reduce(&f5, .key(.function(5))) == [.startSync(.incremental)])
    }

    @Test func sDuringASyncSaysOneIsRunning() {
        var state = Fixtures.state()
        _ = AppReducer.reduce(&state, .key(.character("s")))
        _ = AppReducer.reduce(&state, .syncEvent(.progress(SyncProgress(phase: .downloading, recordsDone: 1200, recordsTotal: 2000, recordsPerSecond: 850))))
        #expect(AppReducer.reduce(&state, .key(.character("s"))).isEmpty)
        #expect(state.flash?.text == "A sync is already running: Downloading 1,200 of 2,000 (60%) · 850/s The list updates as it goes.")
    }

    @Test func theEngineRefusingIsReported() {
        var state = Fixtures.state()
        _ = AppReducer.reduce(&state, .key(.character("s")))
        _ = AppReducer.reduce(&state, .syncRefused)
        #expect(state.sync.running == nil)
        #expect(state.flash?.text == Strings.syncRefused)
    }

    @Test func aFinishedSyncShowsTheSummaryAndRereads() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        _ = AppReducer.reduce(&state, .key(.character("s")))
        let run = SyncRun(
            startedAt: Fixtures.now, endedAt: Fixtures.now, kind: .incremental, counts: SyncCounts(new: 3, updated: 5, deleted: 1),
            verification: SyncVerification(remoteCount: 2000, cachedCount: 2000))
        let effects = AppReducer.reduce(&state, .syncEvent(.finished(run)))
        #expect(effects.first == .loadSyncState)
        #expect(effects.contains { if case .loadWindow = $0 { return true } else { return false } })
        #expect(state.sync.running == nil)
        #expect(state.flash?.text == "Sync finished: 3 new, 5 updated, 1 deleted · verified 2000/2000")
        #expect(state.flash?.level == .success)
    }

    @Test func aFailedSyncShowsTheDoctorsExplanation() {
        var state = Fixtures.state()
        _ = AppReducer.reduce(&state, .key(.character("s")))
        let failure = SyncFailure(reason: .signInNeeded, message: "Your Salesforce session expired.", fix: "Run `dealdeck login` again.")
        _ = AppReducer.reduce(&state, .syncEvent(.failed(failure)))
        #expect(state.flash?.text == "Sync failed: Your Salesforce session expired. Run `dealdeck login` again.")
        #expect(state.flash?.level == .error)
        #expect(state.sync.lastOutcome == .failed(failure))
    }

    @Test func withoutASyncControllerTheReasonIsShown() {
        var state = Fixtures.state(sync: SyncStatus(unavailableReason: "Sign in first: run `dealdeck login`."))
        #expect(AppReducer.reduce(&state, .key(.character("s"))).isEmpty)
        #expect(state.flash?.text == "Sign in first: run `dealdeck login`.")
    }

    @Test func autoSyncRunsWhenTheIntervalHasPassed() {
        var state = Fixtures.state(sync: SyncStatus(autoSyncMinutes: 15))
        state.sync.lastSuccessAt = SalesforceTimestamp(secondsSinceEpoch: Fixtures.now.timeIntervalSince1970 - 600)
        #expect(AppReducer.reduce(&state, .tick(now: Fixtures.now, today: Fixtures.today)).isEmpty)
        let later = Fixtures.now.addingTimeInterval(301)
        #expect(AppReducer.reduce(&state, .tick(now: later, today: Fixtures.today)) == [.startSync(.incremental)])
        #expect(state.sync.running?.isAutomatic == true)
        // Not again while it runs, nor right after it started.
        #expect(AppReducer.reduce(&state, .tick(now: later.addingTimeInterval(5), today: Fixtures.today)).isEmpty)
    }

    @Test func ticksExpireMessagesAndMoveRelativeDates() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        _ = AppReducer.reduce(&state, .notify(.info, "hello"))
        _ = AppReducer.reduce(&state, .tick(now: Fixtures.now.addingTimeInterval(4), today: Fixtures.today))
        #expect(state.flash?.text == "hello")
        _ = AppReducer.reduce(&state, .tick(now: Fixtures.now.addingTimeInterval(6), today: Fixtures.today))
        #expect(state.flash == nil)
        let tomorrow = Fixtures.today.adding(days: 1)
        let effects = AppReducer.reduce(&state, .tick(now: Fixtures.now.addingTimeInterval(86_400), today: tomorrow))
        #expect(state.list.query.today == tomorrow)
        #expect(effects.count == 1)
    }

    @Test func progressTextNamesRecordsOfTotalAndRate() {
        let progress = SyncProgress(phase: .downloading, recordsDone: 1_200, recordsTotal: 2_000, recordsPerSecond: 850.4)
        #expect(Strings.progressText(progress) == "Downloading 1,200 of 2,000 (60%) · 850/s")
        #expect(Strings.progressText(SyncProgress(phase: .verifying)) == "Verifying")
    }
}
