import DealdeckCore
import Foundation
import Testing
@testable import TerminalUI

/// Renders whole screens at several sizes and compares them with `Snapshots/*.txt` (text and,
/// where styles matter, roles). `RECORD_SNAPSHOTS=1 swift test --filter ScreenSnapshotTests`
/// re-records after an intended change.
@Suite struct ScreenSnapshotTests {
    let cache = FakeCache(
        rows: Fixtures.rows(Fixtures.sample),
        members: [Membership(opportunityId: Fixtures.id(1), userLoginName: "alice", source: .owner, assignedBy: nil, assignedAt: Fixtures.now)])
    let theme = ThemeSpec(name: "test", styles: [:])

    func screen(_ state: AppState) -> ScreenBuffer {
        RootScreen.render(state, theme: theme, size: state.size)
    }

    func started(_ size: Size, user: AppUser = Fixtures.admin) -> AppState {
        var state = Fixtures.state(user: user, size: size)
        cache.send(.started, to: &state)
        return state
    }

    @Test func wideListWithTheDetailAtTheRight() {
        let buffer = screen(started(Size(width: 120, height: 30)))
        expectSnapshot(buffer.plainText(), named: "list-120x30")
        expectSnapshot(buffer.styledText(), named: "list-120x30.styled")
        #expect(buffer.hyperlinks.first?.url == RecordLink.url(instanceURL: Fixtures.instanceURL, id: Fixtures.id(1)))
    }

    @Test func standardTerminalStacksTheDetailBelow() {
        var state = started(Size(width: 80, height: 40))
        cache.send(.key(.character("j")), to: &state)
        cache.send(.key(.character("j")), to: &state)
        expectSnapshot(screen(state).plainText(), named: "list-80x40-stacked")
    }

    @Test func eightyByTwentyFourShowsTheListAlone() {
        expectSnapshot(screen(started(Size(width: 80, height: 24))).plainText(), named: "list-80x24")
    }

    @Test func theSmallestUsableTerminal() {
        let buffer = screen(started(Size(width: 40, height: 10)))
        expectSnapshot(buffer.plainText(), named: "list-40x10")
        expectSnapshot(buffer.styledText(), named: "list-40x10.styled")
    }

    @Test func tooSmallIsExplainedNotBroken() {
        expectSnapshot(screen(started(Size(width: 30, height: 8))).plainText(), named: "too-small-30x8")
        for width in 0...45 {
            for height in [0, 1, 2, 5, 9, 10, 11] {
                let buffer = screen(started(Size(width: width, height: height)))
                #expect(buffer.size == Size(width: width, height: height))
            }
        }
    }

    @Test func theHelpOverlay() {
        var state = started(Size(width: 100, height: 30))
        cache.send(.key(.character("?")), to: &state)
        expectSnapshot(screen(state).plainText(), named: "help-100x30")
        cache.send(.key(.special(.pageDown)), to: &state)
        expectSnapshot(screen(state).plainText(), named: "help-100x30-page2")
    }

    @Test func aFilterWithABadTermShowsTheErrorInline() {
        var state = started(Size(width: 110, height: 16))
        cache.send(.key(.character("/")), to: &state)
        cache.type("e amount>lots", into: &state)
        let buffer = screen(state)
        expectSnapshot(buffer.plainText(), named: "filter-error-110x16")
        #expect(buffer.cursor != nil)
    }

    @Test func theZoomedDetail() {
        var state = started(Size(width: 80, height: 30))
        cache.send(.key(.special(.enter)), to: &state)
        expectSnapshot(screen(state).plainText(), named: "detail-zoomed-80x30")
        var narrow = started(Size(width: 40, height: 24))
        cache.send(.key(.special(.enter)), to: &narrow)
        expectSnapshot(screen(narrow).plainText(), named: "detail-zoomed-40x24")
    }

    @Test func aMemberSeesTheAllTabDisabledWithTheReason() {
        let buffer = screen(started(Size(width: 100, height: 12), user: Fixtures.member))
        expectSnapshot(buffer.styledText(), named: "member-tabs-100x12.styled")
    }

    @Test func anEmptyCacheSaysHowToFillIt() {
        var state = Fixtures.state(size: Size(width: 80, height: 12))
        state.sync.lastSuccessAt = nil
        FakeCache(rows: []).send(.started, to: &state)
        expectSnapshot(screen(state).plainText(), named: "empty-80x12")
    }

    @Test func syncProgressInTheStatusBar() {
        var state = started(Size(width: 100, height: 12))
        cache.send(.key(.character("s")), to: &state)
        cache.send(.syncEvent(.progress(SyncProgress(phase: .downloading, recordsDone: 1_200, recordsTotal: 2_000, recordsPerSecond: 850))), to: &state)
        let buffer = screen(state)
        expectSnapshot(buffer.lineText(state.size.height - 2), named: "sync-progress-status")
    }

    @Test func aLongErrorIsShownWholeAboveTheStatusBar() {
        var state = started(Size(width: 80, height: 24))
        let failure = SyncFailure(
            reason: .signInNeeded, message: "Salesforce did not accept the saved sign-in (the refresh token was revoked or expired).",
            fix: "Run `dealdeck login` to sign in again; the cache stays browsable meanwhile.")
        cache.send(.key(.character("s")), to: &state)
        cache.send(.syncEvent(.failed(failure)), to: &state)
        expectSnapshot(screen(state).plainText(), named: "sync-failed-80x24")
        cache.send(.key(.special(.escape)), to: &state)
        #expect(state.flash == nil)
        #expect(!screen(state).plainText().contains("Error (Esc closes)"))
    }

    @Test func hostileTextNeverReachesTheBufferAndBordersHold() {
        let state = started(Size(width: 120, height: 30))
        let buffer = screen(state)
        for cell in buffer.cells {
            for scalar in cell.grapheme.unicodeScalars {
                #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && !(0x202A...0x202E).contains(scalar.value))
            }
        }
        // The separator between list and detail is in the same column on every row.
        guard let x = Layout(state).verticalSeparatorX, let detail = Layout(state).detail else { Issue.record("no separator"); return }
        for row in detail.y..<detail.maxY { #expect(buffer[row, x].grapheme == "│", "row \(row)") }
        // Every row adds up to the screen width, wide characters counted twice.
        for row in 0..<buffer.size.height {
            let width = buffer.row(row).filter { !$0.isWideContinuation }.reduce(0) { $0 + max(1, TerminalText.width(of: $1.grapheme)) }
            #expect(width == buffer.size.width, "row \(row)")
        }
    }

    @Test func theAsciiGlyphsForTerminalsWithoutUnicode() {
        var state = started(Size(width: 100, height: 12))
        state.glyphs = .ascii
        let text = screen(state).plainText()
        #expect(text.contains("|"))
        #expect(!text.contains("│"))
    }
}
