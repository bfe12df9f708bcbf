import DealdeckCore
import Foundation
import Testing
@testable import TerminalUI

@Suite struct ReducerListTests {
    let many = FakeCache(rows: Fixtures.rows((1...500).map { Fixtures.opportunity($0) }))

    @Test func startingAsksForTheSyncStateAndTheFirstWindow() {
        var state = Fixtures.state()
        let effects = AppReducer.reduce(&state, .started)
        let visible = Layout(state).visibleRows
        #expect(effects == [.loadSyncState, .loadWindow(WindowRequest(query: state.list.query, offset: 0, limit: visible))])
        #expect(state.list.pending != nil)
    }

    @Test func aNewQueryReadsTheScreenfulFirstThenItsMargins() {
        var state = Fixtures.state()
        let visible = Layout(state).visibleRows
        _ = AppReducer.reduce(&state, .started)
        let screen = WindowRequest(query: state.list.query, offset: 0, limit: visible)
        let effects = AppReducer.reduce(&state, .windowLoaded(many.answer(screen)))
        #expect(state.list.window?.rows.count == visible)
        #expect(effects.contains(.loadWindow(WindowRequest(query: state.list.query, offset: 0, limit: visible * 3))))
        // A list that ends inside its screenful needs no margins.
        let few = FakeCache(rows: Fixtures.rows((1...3).map { Fixtures.opportunity($0) }))
        var small = Fixtures.state()
        _ = AppReducer.reduce(&small, .started)
        let done = AppReducer.reduce(&small, .windowLoaded(few.answer(WindowRequest(query: small.list.query, offset: 0, limit: visible))))
        #expect(small.list.total == 3)
        #expect(!done.contains { if case .loadWindow = $0 { return true } else { return false } })
    }

    @Test func aLoadedWindowFillsTheListAndLoadsTheSelectedDetail() {
        var state = Fixtures.state()
        many.send(.started, to: &state)
        #expect(state.list.total == 500)
        #expect(state.list.window?.offset == 0)
        #expect(state.list.pending == nil)
        #expect(state.detail.record?.opportunity.id == Fixtures.id(1))
    }

    @Test func movingStaysInsideTheListAndKeepsTheSelectionVisible() {
        var state = Fixtures.state(size: Size(width: 80, height: 14))
        many.send(.started, to: &state)
        let visible = Layout(state).visibleRows
        many.send(.key(.character("k")), to: &state)
        #expect(state.list.selected == 0)
        for _ in 0..<visible { many.send(.key(.character("j")), to: &state) }
        #expect(state.list.selected == visible)
        #expect(state.list.top == 1)
        many.send(.key(.character("G")), to: &state)
        #expect(state.list.selected == 499)
        #expect(state.list.top == 500 - visible)
        #expect(state.list.window?.range.contains(499) == true)
        many.send(.key(.special(.pageUp)), to: &state)
        #expect(state.list.selected == 499 - visible)
        many.send(.key(.character("g")), to: &state)
        #expect(state.list.selected == 0 && state.list.top == 0)
    }

    @Test func scrollingWithinTheLoadedWindowReadsNothing() {
        var state = Fixtures.state(size: Size(width: 80, height: 24))
        many.send(.started, to: &state)
        let effects = AppReducer.reduce(&state, .key(.character("j")))
        #expect(!effects.contains { if case .loadWindow = $0 { return true } else { return false } })
        #expect(effects == [.loadDetail(Fixtures.id(2))])
    }

    @Test func pagingPastTheWindowAsksForTheNextOneOnce() {
        var state = Fixtures.state(size: Size(width: 80, height: 24))
        many.send(.started, to: &state)
        let visible = Layout(state).visibleRows
        // The first window holds three screens: two pages down need no read, the third does.
        #expect(AppReducer.reduce(&state, .key(.special(.pageDown))) == [.loadDetail(Fixtures.id(visible + 1))])
        #expect(AppReducer.reduce(&state, .key(.special(.pageDown))) == [.loadDetail(Fixtures.id(2 * visible + 1))])
        let effects = AppReducer.reduce(&state, .key(.special(.pageDown)))
        #expect(effects.contains(.loadWindow(WindowRequest(query: state.list.query, offset: 2 * visible, limit: visible * 3))))
        // The same rows are not asked for again while the read is in flight.
        let again = AppReducer.reduce(&state, .key(.character("j")))
        #expect(!again.contains { if case .loadWindow = $0 { return true } else { return false } })
    }

    /// The first window of `rows` arrived without a count, as from a cache not counted since it
    /// last changed; returns the cache, the state and what the reducer asked for in answer.
    func startedUncounted(_ rows: [ListRow]? = nil) -> (cache: FakeCache, state: AppState, effects: [Effect]) {
        var cache = rows.map { FakeCache(rows: $0) } ?? many
        cache.countsSeparately = true
        var state = Fixtures.state()
        let visible = Layout(state).visibleRows
        _ = AppReducer.reduce(&state, .started)
        let effects = AppReducer.reduce(&state, .windowLoaded(cache.answer(WindowRequest(query: state.list.query, offset: 0, limit: visible * 3))))
        return (cache, state, effects)
    }

    @Test func rowsShowBeforeTheCountAndTheCountFollows() {
        let started = startedUncounted()
        let (cache, effects) = (started.cache, started.effects)
        var state = started.state
        let visible = Layout(state).visibleRows
        #expect(effects.contains(.loadCount(state.list.query)))
        #expect(state.list.total == nil)
        #expect(state.list.counting)
        #expect(state.list.extent == visible * 3)
        #expect(StatusLine.rightText(state).hasPrefix("1/\(visible * 3)+"))
        // Asking again while the count runs does not start a second one.
        let again = AppReducer.reduce(&state, .windowLoaded(cache.answer(WindowRequest(query: state.list.query, offset: 0, limit: visible * 3))))
        #expect(!again.contains(.loadCount(state.list.query)))
        _ = AppReducer.reduce(&state, .countLoaded(query: state.list.query, total: 500))
        #expect(state.list.total == 500)
        #expect(!state.list.counting)
        #expect(StatusLine.rightText(state).hasPrefix("1/500"))
    }

    @Test func jumpingToTheEndBeforeTheCountWaitsForIt() {
        let started = startedUncounted()
        let cache = started.cache
        var state = started.state
        #expect(AppReducer.reduce(&state, .key(.character("G"))).isEmpty)
        #expect(state.list.wantsLast)
        cache.send(.countLoaded(query: state.list.query, total: 500), to: &state)
        #expect(state.list.selected == 499)
        #expect(state.list.window?.range.contains(499) == true)
        #expect(!state.list.wantsLast)
    }

    @Test func aListThatEndsInsideItsFirstWindowIsNeverCounted() {
        let (_, state, effects) = startedUncounted(Fixtures.rows((1...7).map { Fixtures.opportunity($0) }))
        #expect(!effects.contains { if case .loadCount = $0 { return true } else { return false } })
        #expect(state.list.total == 7)
        #expect(!state.list.counting)
    }

    @Test func aCacheChangeWhileCountingCountsAgain() {
        let started = startedUncounted()
        let cache = started.cache
        var state = started.state
        #expect(state.list.counting)
        let reread = AppReducer.reduce(&state, .cacheChanged)
        guard let request = reread.compactMap({ if case .loadWindow(let request) = $0 { request } else { nil } }).first else {
            Issue.record("no window read after the change")
            return
        }
        #expect(AppReducer.reduce(&state, .windowLoaded(cache.answer(request))).contains(.loadCount(state.list.query)))
    }

    @Test func aNewFilterKeepsShowingTheOldRowsUntilItsOwnArrive() {
        var state = Fixtures.state()
        many.send(.started, to: &state)
        _ = AppReducer.reduce(&state, .key(.character("/")))
        _ = AppReducer.reduce(&state, .key(.character("7")))
        #expect(state.list.total == nil)
        #expect(OpportunityTable.emptyMessage(state) == nil)
        #expect(state.list.shownExtent == state.list.window?.range.upperBound)
    }

    @Test func aWindowForAnOldQueryIsIgnored() {
        var state = Fixtures.state()
        many.send(.started, to: &state)
        var old = state.list.query
        old.filterText = "zzz"
        _ = AppReducer.reduce(&state, .windowLoaded(WindowResult(window: ListWindow(query: old, offset: 0, rows: []), total: 0, limit: 10)))
        #expect(state.list.total == 500)
    }

    @Test func aCacheChangeRereadsTheWindowTheDetailAndTheSyncState() {
        var state = Fixtures.state()
        many.send(.started, to: &state)
        let effects = AppReducer.reduce(&state, .cacheChanged)
        #expect(effects.count == 3)
        #expect(effects.contains(.loadSyncState))
        #expect(effects.contains(.loadDetail(Fixtures.id(1))))
    }

    @Test func theListShrinkingMovesTheSelectionBack() {
        var state = Fixtures.state()
        many.send(.started, to: &state)
        many.send(.key(.character("G")), to: &state)
        let smaller = FakeCache(rows: Array(many.rows.prefix(10)))
        smaller.send(.cacheChanged, to: &state)
        #expect(state.list.total == 10)
        #expect(state.list.selected == 9)
    }

    @Test func resizingKeepsTheSelectionVisible() {
        var state = Fixtures.state(size: Size(width: 120, height: 40))
        many.send(.started, to: &state)
        for _ in 0..<30 { many.send(.key(.character("j")), to: &state) }
        many.send(.resized(Size(width: 60, height: 12)), to: &state)
        let visible = Layout(state).visibleRows
        #expect(state.list.selected == 30)
        #expect((state.list.top..<state.list.top + visible).contains(30))
    }

    @Test func tabsNeedAnAdminForAll() {
        var state = Fixtures.state(user: Fixtures.member)
        many.send(.started, to: &state)
        many.send(.key(.character("2")), to: &state)
        #expect(state.tab == .mine)
        #expect(state.flash?.text == Strings.allTabNeedsAdmin)
        var admin = Fixtures.state()
        many.send(.started, to: &admin)
        let effects = AppReducer.reduce(&admin, .key(.special(.tab)))
        #expect(admin.tab == .all)
        #expect(effects.count == 1)
        #expect(admin.list.selected == 0)
    }

    @Test func sortKeysAndTheCommandLineChangeTheOrder() {
        var state = Fixtures.state()
        many.send(.started, to: &state)
        many.send(.key(.character(">")), to: &state)
        #expect(state.list.query.sort == OpportunitySort(field: .probability, descending: true))
        many.send(.key(.character("r")), to: &state)
        #expect(state.list.query.sort == OpportunitySort(field: .probability, descending: false))
        many.send(.key(.character("$")), to: &state)
        #expect(state.list.query.sort == OpportunitySort(field: .amount, descending: true))
        many.send(.key(.character("$")), to: &state)
        #expect(state.list.query.sort == OpportunitySort(field: .amount, descending: false))
        many.send(.key(.character(":")), to: &state)
        many.type("sort name desc", into: &state)
        many.send(.key(.special(.enter)), to: &state)
        #expect(state.list.query.sort == OpportunitySort(field: .name, descending: true))
        #expect(state.mode == .normal)
        #expect(state.flash?.text == "Sorted by name, Z to A")
    }

    @Test func theDetailPaneTogglesAndZooms() {
        var state = Fixtures.state(size: Size(width: 120, height: 30))
        many.send(.started, to: &state)
        #expect(Layout(state).detail != nil)
        many.send(.key(.character("d")), to: &state)
        #expect(Layout(state).detail == nil)
        many.send(.key(.special(.enter)), to: &state)
        #expect(state.detail.isZoomed)
        #expect(Layout(state).detail?.width == 120)
        #expect(Layout(state).list == nil)
        many.send(.key(.special(.escape)), to: &state)
        #expect(!state.detail.isZoomed)
    }

    @Test func goToARowFromTheCommandLine() {
        var state = Fixtures.state()
        many.send(.started, to: &state)
        many.send(.key(.character(":")), to: &state)
        many.type("250", into: &state)
        many.send(.key(.special(.enter)), to: &state)
        #expect(state.list.selected == 249)
        #expect(state.detail.record?.opportunity.id == Fixtures.id(250))
    }
}
