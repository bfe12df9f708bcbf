import DealdeckCore
import DealdeckTestSupport
import Foundation
import Testing

/// The real `dealdeck` binary in a real terminal (tmux): keys in with `send-keys`, screens out
/// with `capture-pane`. Each test has its own home, tmux server and socket, and removes them.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TUIEndToEndTests {
    /// Runs a test against a fresh home and a started UI, cleaning both up whatever happens.
    func withUI(
        _ arguments: [String] = [], width: Int = 120, height: Int = 30, user: String = "alice", environment: [String: String] = [:],
        home: UITestHome? = nil, _ body: (TmuxSession, UITestHome) async throws -> Void
    ) async throws {
        let home = try home ?? UITestHome()
        defer { home.cleanUp() }
        let ui = try await home.start(arguments, width: width, height: height, user: user, environment: environment)
        do {
            try await body(ui, home)
        } catch {
            await ui.kill()
            // The UI's debug log says what it saw (keys, signals, the end of the event loop).
            let log = (try? String(contentsOfFile: home.paths.logFile, encoding: .utf8)) ?? "(no log)"
            throw TmuxError("\(error)\n--- dealdeck.log ---\n\(log.suffix(3000))")
        }
        await ui.kill()
    }

    @Test func browseFilterSortAndOpenTheDetail() async throws {
        try await withUI { ui, _ in
            try await ui.waitFor("My Opportunities 40")
            try await ui.waitFor("Deal 01")
            try await ui.press("j", "j", "Down")
            try await ui.waitFor("4/40")
            try await ui.press("G")
            try await ui.waitFor("40/40")
            try await ui.press("g", "/")
            try await ui.type("stage:won")
            try await ui.waitFor("My Opportunities 7")
            try await ui.press("Enter", "$")
            let sorted = try await ui.waitFor("Amount▼")
            let rows = sorted.screenLines.filter { $0.hasPrefix("●") }
            #expect(rows.first?.contains("Deal 35") == true, "\(sorted)")
            try await ui.press("Enter")
            let detail = try await ui.waitFor("Forecast Category")
            for field in ["Amount", "Stage", "Probability", "Close Date", "Account", "Owner", "Type", "Lead Source", "Next Step", "Members", "Last synced"] {
                #expect(detail.contains(field), "\(field) missing:\n\(detail)")
            }
            #expect(detail.contains("alice (owner)"))
        }
    }

    /// Free-text words a key at a time, as the list finds them without the full-text index
    /// (short words) and with it (accents folded, CJK), plus a negated word.
    @Test func typingWordsNarrowsTheListAsTheFullTextIndexWould() async throws {
        try await withUI { ui, _ in
            try await ui.waitFor("My Opportunities 40")
            try await ui.press("/")
            try await ui.type("deal 3")
            let deals = try await ui.waitFor("My Opportunities 7")
            #expect(deals.contains("Deal 30") && deals.contains("Deal 36") && !deals.contains("Deal 03"), "\(deals)")
            try await ui.type(" -35")
            try await ui.waitFor("My Opportunities 6")
            try await ui.press("C-u")
            try await ui.type("societe")
            let accented = try await ui.waitFor("My Opportunities 1")
            #expect(accented.contains("Société"), "\(accented)")
            try await ui.press("C-u")
            try await ui.type("東京")
            let cjk = try await ui.waitFor("My Opportunities 1")
            #expect(cjk.contains("東京"), "\(cjk)")
        }
    }

    @Test func theDetailPrintsTheRecordLinkAndOAndYUseIt() async throws {
        try await withUI(width: 160, height: 40) { ui, home in
            let link = "https://acme.lightning.force.com/lightning/r/Opportunity/\(UITestHome.id(1).rawValue)/view"
            try await ui.waitFor("See more details in CRM system")
            // Full width, the link fits on one line, as plain text anyone can select.
            try await ui.press("Enter")
            let screen = try await ui.waitFor(link)
            #expect(screen.screenLines.contains { $0.trimmingCharacters(in: .whitespaces) == link }, "\(screen)")
            try await ui.press("o")
            try await ui.waitUntil("the browser to open the link") { _ in home.openedLinkList == [link] }
            try await ui.press("y")
            try await ui.waitFor("Copied \(link)")
            #expect(try await ui.clipboard() == link)
        }
    }

    @Test func theHelpOverlayListsTheKeys() async throws {
        try await withUI { ui, _ in
            try await ui.waitFor("Deal 01")
            try await ui.press("?")
            let help = try await ui.waitFor("Keys (Esc closes)")
            #expect(help.contains("Filter as you type"))
            try await ui.press("PageDown")
            try await ui.waitFor("Sync what changed in Salesforce")
            try await ui.press("Escape")
            try await ui.waitUntil("the help to close") { !$0.contains("Keys (Esc closes)") }
        }
    }

    @Test func reboundKeysShowInTheHintBar() async throws {
        let home = try UITestHome()
        try "[keys]\nsync = \"F6\"\nfrobnicate = \"x\"\n".write(toFile: home.paths.configFile, atomically: true, encoding: .utf8)
        try await withUI(home: home) { ui, _ in
            let screen = try await ui.waitFor("F6 sync")
            #expect(screen.contains("keys.frobnicate"), "\(screen)")
        }
    }

    @Test func themesSwitchAtRunTimeAndNoColorMeansNoColour() async throws {
        try await withUI { ui, _ in
            try await ui.waitFor("Deal 01")
            let before = try await ui.capture(styles: true)
            try await ui.press(":")
            try await ui.type("theme solarized-dark")
            try await ui.press("Enter")
            try await ui.waitFor("Theme: solarized-dark")
            let after = try await ui.capture(styles: true)
            #expect(before != after)
            // #002b36, Solarized's background, is colour 23 of the 256 (tmux-256color).
            #expect(after.contains("48;5;23"), "\(after.prefix(400))")
        }
        try await withUI(environment: ["NO_COLOR": "1"]) { ui, _ in
            try await ui.waitFor("Deal 01")
            let styled = try await ui.capture(styles: true)
            // Any foreground or background colour (30–37, 90–97, 38;…) other than the default (39, 49).
            let colourCodes = try Regex("\u{1B}\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m")
            #expect(styled.firstMatch(of: colourCodes) == nil, "colour escapes with NO_COLOR:\n\(styled.prefix(300))")
            #expect(styled.contains("\u{1B}[7m"), "the selection should still be reverse video")
        }
    }

    @Test func aBrokenThemeFileIsNamedAndTheDefaultIsUsed() async throws {
        let home = try UITestHome()
        try FileManager.default.createDirectory(atPath: home.paths.userThemesDirectory, withIntermediateDirectories: true)
        try "name = \"oops\"\nextends = \"default\"\n\n[roles]\nheader = { fg = \"chartreuse-ish\" }\n".write(
            toFile: home.paths.userThemesDirectory + "/oops.toml", atomically: true, encoding: .utf8)
        try await withUI(["--theme", "oops"], home: home) { ui, _ in
            let screen = try await ui.waitFor("Error (Esc closes)")
            let joined = screen.screenLines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined(separator: " ")
            #expect(joined.contains("oops.toml:5: role 'header' has the colour 'chartreuse-ish'"), "\(screen)")
            try await ui.waitFor("Deal 01")
        }
    }

    @Test func resizingRelaysOutAtOnce() async throws {
        try await withUI(width: 120, height: 30) { ui, _ in
            try await ui.waitFor("Forecast Category")
            try await ui.resize(width: 60, height: 16)
            let narrow = try await ui.waitUntil("the narrow layout") { !$0.contains("Forecast Category") && $0.contains("Deal 01") }
            #expect(narrow.screenLines.allSatisfy { $0.count <= 60 })
            try await ui.resize(width: 30, height: 8)
            try await ui.waitFor("needs at least")
            try await ui.resize(width: 110, height: 30)
            try await ui.waitFor("Forecast Category")
        }
    }

    @Test func hostileStringsChangeNothingAndWideTextKeepsBordersStraight() async throws {
        try await withUI(width: 120, height: 48) { ui, _ in
            let titleBefore = try await ui.paneTitle()
            let screen = try await ui.waitFor("Rocket")
            #expect(screen.contains("␛]2;pwned␇␛[2J"))
            try await ui.press("G")
            try await ui.waitFor("40/40")
            try await ui.press("k", "k")
            try await ui.waitFor("␛]2;pwned␇␛[2J")
            #expect(try await ui.paneTitle() == titleBefore)
            // The separator between list and detail is in one column on every row, CJK or not.
            let lines = try await ui.capture().screenLines.filter { $0.contains("│") }
            let columns = Set(lines.map { line in line.prefix { $0 != "│" }.reduce(0) { $0 + TerminalWidth.of($1) } })
            #expect(columns.count == 1, "\(lines.joined(separator: "\n"))")
        }
    }

    @Test func theSmallestTerminalIsUsable() async throws {
        try await withUI(width: 40, height: 10) { ui, _ in
            let screen = try await ui.waitFor("Deal 01")
            #expect(screen.contains("My Opportunities 40"))
            try await ui.press("j")
            try await ui.waitFor("2/40")
        }
    }

    @Test func sSyncsWhatChangedInSalesforceWhileTheUIStaysUsable() async throws {
        let harness = try await EmulatorHarness.start { configuration in
            configuration.opportunities = 30
            configuration.seed = 5
        }
        do {
            let home = try UITestHome(opportunities: nil)
            try await home.signInAndSync(harness)
            let live = try await harness.opportunityCounts().live
            try await withUI(["--all"], width: 140, height: 30, home: home) { ui, _ in
                try await ui.waitFor("All Opportunities \(live)")
                try await ui.waitFor("synced just now")
                let renamed = try await harness.renameFirstOpportunity(to: "Renamed in Salesforce")
                // The first request of the next sync takes two seconds, so its progress shows.
                try await harness.addFault("slow", count: 1)
                try await ui.press("s")
                try await ui.waitFor("Syncing")
                try await ui.press("s")
                try await ui.waitFor("A sync is already running")
                // The list still moves while the sync runs.
                try await ui.press("j")
                try await ui.waitFor("2/\(live)")
                try await ui.waitFor("Sync finished: 0 new, 1 updated, 0 deleted · verified \(live)/\(live)", timeout: .seconds(30))
                try await ui.press("/")
                try await ui.type("Renamed in Salesforce")
                try await ui.waitFor("All Opportunities 1")
                let row = try await ui.waitFor("Renamed in Salesforce")
                #expect(row.contains("Renamed in Salesforce"))
                #expect(renamed.rawValue.count == 18)
            }
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// The README's run command: emulator, throwaway home, sign-in and sync, then the list;
    /// quitting removes the home.
    @Test func theDemoSignsInSyncsAndShowsTheListThenCleansUp() async throws {
        let scratch = try UITestHome(opportunities: nil)
        defer { scratch.cleanUp() }
        let ui = try await TmuxSession.start(
            [ProcessRunner.executable(named: "dealdeck"), "demo", "--opportunities", "400"], width: 140, height: 32,
            environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TMPDIR": scratch.root, "SWIFT_BACKTRACE": "enable=no"])
        do {
            try await ui.waitFor("All Opportunities", timeout: .seconds(60))
            try await ui.waitFor("synced just now")
            try await ui.waitFor("demo (admin)")
            try await ui.press("q")
            #expect(try await ui.waitForExit() == 0)
            let after = try await ui.capture()
            #expect(after.contains("throwaway home"), "\(after)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.root).filter { $0.hasPrefix("dealdeck-demo-") }
            #expect(leftovers.isEmpty, "the demo home was left behind: \(leftovers)")
        } catch {
            await ui.kill()
            throw error
        }
        await ui.kill()
    }

    @Test func withoutSyncTheKeySaysWhy() async throws {
        try await withUI { ui, _ in
            try await ui.waitFor("Deal 01")
            try await ui.press("s")
            try await ui.waitFor("dealdeck login")
        }
    }

    @Test func quittingRestoresTheTerminal() async throws {
        try await withUI { ui, _ in
            try await ui.waitFor("Deal 01")
            #expect(try await ui.alternateScreen())
            try await ui.press("q")
            let status = try await ui.waitForExit()
            let after = try await ui.capture()
            #expect(status == 0, "exit status \(status); the screen after:\n\(after)")
            #expect(try await !ui.alternateScreen())
        }
    }

    @Test(arguments: ["TERM", "INT", "HUP", "SEGV"])
    func signalsRestoreTheTerminal(_ signal: String) async throws {
        try await withUI { ui, _ in
            try await ui.waitFor("Deal 01")
            let pid = try await ui.panePID()
            kill(pid, Self.number(signal))
            let status = try await ui.waitForExit()
            #expect(try await !ui.alternateScreen(), "alternate screen still on after SIG\(signal)")
            #expect(status != 0 || signal != "SEGV")
        }
    }

    static func number(_ name: String) -> Int32 {
        switch name {
        case "INT": return SIGINT
        case "HUP": return SIGHUP
        case "SEGV": return SIGSEGV
        default: return SIGTERM
        }
    }

    @Test func ctrlZSuspendsToTheShellAndFgResumes() async throws {
        let home = try UITestHome()
        defer { home.cleanUp() }
        let shell = try await TmuxSession.start(
            ["/bin/bash", "--noprofile", "--norc", "-i"], width: 100, height: 24,
            environment: ["PS1": "shell$ ", "DEALDECK_HOME": home.root, "DEALDECK_USER": "alice", "TERM": "tmux-256color", "LANG": "C.UTF-8"])
        do {
            try await shell.waitFor("shell$")
            try await shell.type(ProcessRunner.executable(named: "dealdeck"))
            try await shell.press("Enter")
            try await shell.waitFor("Deal 01")
            try await shell.press("C-z")
            try await shell.waitUntil("the shell's job report") { $0.contains("Stopped") && !$0.contains("Deal 01") }
            #expect(try await !shell.alternateScreen())
            try await shell.type("fg")
            try await shell.press("Enter")
            try await shell.waitFor("Deal 01")
            try await shell.press("q")
            try await shell.waitUntil("the prompt after quitting") { $0.screenLines.last { !$0.isEmpty }?.hasPrefix("shell$") == true }
        } catch {
            await shell.kill()
            throw error
        }
        await shell.kill()
    }

    @Test func theMouseSelectsWhenTurnedOn() async throws {
        try await withUI(["--mouse"], width: 100, height: 20) { ui, _ in
            try await ui.waitFor("1/40")
            // An xterm (X10) mouse press at column 5, row 6 (1-based), as tmux would forward it.
            try await ui.type("\u{1B}[M \u{25}\u{26}")
            try await ui.waitFor("4/40")
        }
    }
}

/// Display width of a character as the tests count it (the UI's own rules: CJK and emoji two).
enum TerminalWidth {
    static func of(_ character: Character) -> Int {
        TerminalText.width(of: character)
    }
}
