import DealdeckCore
import Foundation
import Testing
@testable import TerminalUI

@Suite struct ReducerInputTests {
    let cache = FakeCache(rows: Fixtures.rows(Fixtures.sample))

    @Test func typingAFilterAppliesItAsYouType() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        cache.send(.key(.character("/")), to: &state)
        #expect(state.mode == .filter(TextField(), previous: ""))
        cache.type("rock", into: &state)
        #expect(state.list.query.filterText == "rock")
        #expect(state.list.total == 1)
        #expect(state.list.selected == 0)
        cache.send(.key(.special(.enter)), to: &state)
        #expect(state.mode == .normal)
        #expect(state.list.query.filterText == "rock")
    }

    @Test func anInvalidTermIsShownInlineAndTheLastGoodFilterStays() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        cache.send(.key(.character("/")), to: &state)
        cache.type("acme amount>", into: &state)
        // "acme amount" was a valid filter (two words) a keystroke ago; it stays applied.
        #expect(state.list.query.filterText == "acme amount")
        #expect(state.filterError?.contains("amount>") == true)
        // Enter does not accept a broken filter; it says why.
        cache.send(.key(.special(.enter)), to: &state)
        #expect(state.mode != .normal)
        #expect(state.flash?.level == .warning)
        cache.type("50k", into: &state)
        #expect(state.filterError == nil)
        #expect(state.list.query.filterText == "acme amount>50k")
    }

    @Test func escapeRestoresTheFilterFromBeforeEditing() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        cache.send(.command(.filter), to: &state)
        cache.type("deal", into: &state)
        cache.send(.key(.special(.enter)), to: &state)
        cache.send(.key(.character("/")), to: &state)
        cache.type("xyz", into: &state)
        #expect(state.list.total == 0)
        cache.send(.key(.special(.escape)), to: &state)
        #expect(state.list.query.filterText == "deal")
        #expect(state.mode == .normal)
        // Esc in the list then clears it.
        cache.send(.key(.special(.escape)), to: &state)
        #expect(state.list.query.filterText.isEmpty)
        #expect(state.list.total == Fixtures.sample.count)
    }

    @Test func editingKeysInTheFilter() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        cache.send(.key(.character("/")), to: &state)
        cache.type("stage:won acme", into: &state)
        cache.send(.key(.control("w")), to: &state)
        #expect(state.mode == .filter(TextField(text: "stage:won "), previous: ""))
        cache.send(.key(.special(.backspace)), to: &state)
        #expect(state.mode == .filter(TextField(text: "stage:won"), previous: ""))
        cache.send(.key(.control("u")), to: &state)
        #expect(state.mode == .filter(TextField(text: ""), previous: ""))
    }

    @Test func keysTypedInAFilterAreNotCommands() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        cache.send(.key(.character("/")), to: &state)
        let effects = cache.type("qs", into: &state)
        #expect(!state.shouldQuit)
        #expect(effects.isEmpty)
        #expect(state.mode == .filter(TextField(text: "qs"), previous: ""))
    }

    @Test func theHelpOverlayOpensScrollsAndCloses() {
        var state = Fixtures.state(size: Size(width: 80, height: 14))
        cache.send(.started, to: &state)
        cache.send(.key(.character("?")), to: &state)
        #expect(state.mode == .help(scroll: 0))
        cache.send(.key(.character("j")), to: &state)
        cache.send(.key(.special(.pageDown)), to: &state)
        guard case .help(let scroll) = state.mode else { Issue.record("help closed"); return }
        #expect(scroll == 1 + HelpOverlay.visibleLines(for: state.size))
        for _ in 0..<200 { cache.send(.key(.character("j")), to: &state) }
        let maximum = HelpOverlay.lines(keymap: state.keymap).count - HelpOverlay.visibleLines(for: state.size)
        #expect(state.mode == .help(scroll: maximum))
        cache.send(.key(.character("q")), to: &state)
        #expect(state.mode == .normal)
        #expect(!state.shouldQuit)
    }

    @Test func quitAsksTheRuntimeToStop() {
        var state = Fixtures.state()
        #expect(AppReducer.reduce(&state, .key(.character("q"))) == [.quit])
        #expect(state.shouldQuit)
        var other = Fixtures.state()
        #expect(AppReducer.reduce(&other, .key(.control("c"))) == [.quit])
    }

    @Test func openAndCopyUseTheSelectedRecordsLink() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        let link = RecordLink.url(instanceURL: Fixtures.instanceURL, id: Fixtures.id(1))
        #expect(link == "https://acme.lightning.force.com/lightning/r/Opportunity/\(Fixtures.id(1).rawValue)/view")
        #expect(cache.send(.key(.character("o")), to: &state) == [.openURL(link)])
        #expect(cache.send(.key(.character("y")), to: &state) == [.copyToClipboard(link)])
        _ = AppReducer.reduce(&state, .copied(link))
        #expect(state.flash?.text == Strings.copied(link))
    }

    @Test func withoutAnInstanceURLTheLinkIsExplained() {
        var state = Fixtures.state()
        state.instanceURL = nil
        cache.send(.started, to: &state)
        #expect(cache.send(.key(.character("o")), to: &state).isEmpty)
        #expect(state.flash?.text == Strings.noLinkToOpen)
    }

    @Test func themesCycleAndFailuresAreShown() {
        var state = Fixtures.state()
        #expect(AppReducer.reduce(&state, .key(.character("T"))) == [.loadTheme("light")])
        _ = AppReducer.reduce(&state, .themeApplied(name: "light"))
        #expect(state.themeName == "light")
        #expect(AppReducer.reduce(&state, .key(.character("T"))) == [.loadTheme("dark")])
        _ = AppReducer.reduce(&state, .themeFailed(message: "broken.toml:3: role 'text' …"))
        #expect(state.flash == Flash(level: .error, text: "broken.toml:3: role 'text' …", expiresAt: Fixtures.now.addingTimeInterval(60)))
        var colon = Fixtures.state()
        colon.mode = .command(TextField(text: "theme solarized-dark"))
        #expect(AppReducer.reduce(&colon, .key(.special(.enter))) == [.loadTheme("solarized-dark")])
    }

    @Test func unknownCommandsSayWhatExists() {
        var state = Fixtures.state()
        state.mode = .command(TextField(text: "frobnicate"))
        _ = AppReducer.reduce(&state, .key(.special(.enter)))
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text.contains(":sort FIELD") == true)
    }

    @Test(arguments: [
        ("q", ColonCommand.quit), ("sort amount desc", .sort(OpportunitySort(field: .amount, descending: true))),
        ("sort close", .sort(OpportunitySort(field: .closeDate))), ("sort prob:desc", .sort(OpportunitySort(field: .probability, descending: true))),
        ("theme dark", .theme("dark")), ("theme", .theme(nil)), ("filter account:\"Acme Corp\" x", .filter("account:\"Acme Corp\" x")),
        ("tab all", .tab(.all)), ("sync full", .sync(.full)), ("sync", .sync(.incremental)), ("mouse on", .mouse(true)), ("42", .goTo(row: 42)),
        ("open", .open), ("copy", .copy), ("help", .help),
    ])
    func commandLinesParse(_ text: String, _ command: ColonCommand) throws {
        #expect(try ColonCommand.parse(text).get() == command)
    }

    @Test func badCommandLinesExplainThemselves() {
        guard case .failure(let error) = ColonCommand.parse("sort sideways") else { Issue.record("parsed"); return }
        #expect(error.message.contains("not a column"))
        guard case .failure(let other) = ColonCommand.parse("tab elsewhere") else { Issue.record("parsed"); return }
        #expect(other.message == "Write :tab mine or :tab all.")
    }

    @Test func mouseClicksSelectSortAndSwitchTabs() {
        var state = Fixtures.state(size: Size(width: 120, height: 30))
        state.mouseEnabled = true
        cache.send(.started, to: &state)
        guard let body = Layout(state).listBody, let list = Layout(state).list else { Issue.record("no list"); return }
        cache.send(.mouse(MouseEvent(kind: .click, position: Position(row: body.y + 3, column: 5))), to: &state)
        #expect(state.list.selected == 3)
        cache.send(.mouse(MouseEvent(kind: .wheelDown, position: Position(row: body.y, column: 5))), to: &state)
        #expect(state.list.selected == 6)
        let amount = TableColumn.layout(width: list.width).first { $0.column.id == .amount }
        cache.send(.mouse(MouseEvent(kind: .click, position: Position(row: list.y, column: (amount?.x ?? 0) + 2))), to: &state)
        #expect(state.list.query.sort.field == .amount)
        cache.send(.mouse(MouseEvent(kind: .click, position: Position(row: 0, column: 25))), to: &state)
        #expect(state.tab == .all)
        cache.send(.mouse(MouseEvent(kind: .doubleClick, position: Position(row: body.y + 1, column: 5))), to: &state)
        #expect(state.detail.isZoomed)
    }

    @Test func mouseEventsAreIgnoredWhenTheMouseIsOff() {
        var state = Fixtures.state()
        cache.send(.started, to: &state)
        cache.send(.mouse(MouseEvent(kind: .click, position: Position(row: 5, column: 5))), to: &state)
        #expect(state.list.selected == 0)
        cache.send(.key(.character(":")), to: &state)
        cache.type("mouse on", into: &state)
        #expect(cache.send(.key(.special(.enter)), to: &state) == [.setMouse(true)])
        #expect(state.mouseEnabled)
    }
}
