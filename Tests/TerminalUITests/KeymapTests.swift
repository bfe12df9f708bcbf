import Testing
@testable import TerminalUI

@Suite struct KeymapTests {
    @Test func theDefaultsHaveNoConflicts() {
        #expect(Keymap.problems(in: [:]).isEmpty)
        for scope in KeyScope.allCases {
            var seen: [KeyChord: Command] = [:]
            for command in Command.allCases where scope.conflictGroup.contains(command.info.scope) {
                for chord in Keymap.defaultBindings[command] ?? [] {
                    #expect(seen[chord] == nil, "\(chord) is bound to \(seen[chord]?.rawValue ?? "") and \(command.rawValue)")
                    seen[chord] = command
                }
            }
        }
    }

    @Test(arguments: [
        ("s", KeyChord.character("s")), ("G", .character("G")), ("?", .character("?")), ("space", .character(" ")),
        ("ctrl-r", .control("r")), ("C-r", .control("r")), ("<C-r>", .control("r")), ("^R", .control("r")), ("F5", .function(5)),
        ("f12", .function(12)), ("PgDn", .special(.pageDown)), ("pageup", .special(.pageUp)), ("esc", .special(.escape)),
        ("Enter", .special(.enter)), ("shift-tab", .special(.backTab)), ("Home", .special(.home)),
    ])
    func keyNamesParse(_ text: String, _ chord: KeyChord) {
        #expect(KeyChord(parsing: text) == chord)
    }

    @Test func badKeyNamesDoNotParse() {
        #expect(KeyChord(parsing: "ctrl-") == nil)
        #expect(KeyChord(parsing: "F99") == nil)
        #expect(KeyChord(parsing: "hyper-x") == nil)
        #expect(KeyChord(parsing: "") == nil)
    }

    @Test func chordNamesRoundTrip() {
        for chords in Keymap.defaultBindings.values {
            for chord in chords { #expect(KeyChord(parsing: chord.description) == chord, "\(chord)") }
        }
    }

    @Test func overridesReplaceAKeyByCommandName() {
        let keymap = Keymap(overrides: ["sync": "F6, x", "fullSync": "ctrl-s"])
        #expect(keymap.chords(for: .sync) == [.function(6), .character("x")])
        #expect(keymap.command(for: .function(6), in: [.list, .global]) == .sync)
        #expect(keymap.command(for: .character("s"), in: [.list, .global]) == nil)
        #expect(keymap.chords(for: .fullSync) == [.control("s")])
    }

    @Test func noneUnbindsACommand() {
        let keymap = Keymap(overrides: ["next_theme": "none"])
        #expect(keymap.chords(for: .nextTheme).isEmpty)
        #expect(keymap.command(for: .character("T"), in: [.list, .global]) == nil)
    }

    @Test func unknownCommandsAndBadKeysAreReportedWithTheirKeyPath() {
        let problems = Keymap.problems(in: ["frobnicate": "x", "sync": "hyper-s"])
        #expect(problems.map(\.keyPath) == ["keys.frobnicate", "keys.sync"])
        #expect(problems[0].message.contains("not a command"))
        #expect(problems[1].message.contains("'hyper-s' is not a key"))
    }

    @Test func anOverrideTakesAKeyFromADefaultAndSaysSo() {
        var problems: [KeymapProblem] = []
        let keymap = Keymap(overrides: ["sync": "j"]) { problems.append($0) }
        #expect(keymap.command(for: .character("j"), in: [.list, .global]) == .sync)
        #expect(!keymap.chords(for: .moveDown).contains(.character("j")))
        #expect(keymap.chords(for: .moveDown).contains(.special(.down)))
        #expect(problems == [KeymapProblem(keyPath: "keys.sync", message: "j now runs sync instead of move_down.")])
    }

    @Test func twoOverridesOnOneKeyKeepTheFirstByName() {
        var problems: [KeymapProblem] = []
        let keymap = Keymap(overrides: ["sync": "x", "copy_link": "x"]) { problems.append($0) }
        #expect(keymap.command(for: .character("x"), in: [.list, .global]) == .copyLink)
        #expect(problems.map(\.keyPath) == ["keys.sync"])
    }

    @Test func aListKeyMayNotShadowAGlobalOne() {
        var problems: [KeymapProblem] = []
        let keymap = Keymap(overrides: ["sync": "q"]) { problems.append($0) }
        #expect(keymap.command(for: .character("q"), in: [.list, .global]) == .sync)
        #expect(problems.first?.message.contains("instead of quit") == true)
    }

    @Test func modalScopesShadowGlobalKeysOnPurpose() {
        let keymap = Keymap.standard
        #expect(keymap.command(for: .character("q"), in: InputMode.help(scroll: 0).scopes) == .closeHelp)
        #expect(keymap.command(for: .character("q"), in: InputMode.normal.scopes) == .quit)
        #expect(keymap.command(for: .character("q"), in: InputMode.filter(TextField(), previous: "").scopes) == nil)
    }

    @Test func theHelpAndHintsShowReboundKeys() {
        var state = Fixtures.state(keymap: Keymap(overrides: ["sync": "F6"]))
        #expect(HintBar.hints(state).contains { $0 == ("F6", "sync") })
        #expect(HelpOverlay.lines(keymap: state.keymap).contains { $0.keys == "F6" && $0.text == Command.sync.info.help })
        state.mode = .help(scroll: 0)
        #expect(!HintBar.hints(state).contains { $0.1 == "quit" && $0.0 == "q" })
        #expect(HintBar.hints(state).contains { $0 == ("Esc", "close") })
    }

    @Test func everyCommandIsInTheHelp() {
        let lines = HelpOverlay.lines(keymap: .standard)
        for command in Command.allCases {
            #expect(lines.contains { $0.text == command.info.help }, "\(command.rawValue)")
        }
    }
}
