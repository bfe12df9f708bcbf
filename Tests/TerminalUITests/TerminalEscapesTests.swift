import DealdeckCore
import Testing
@testable import TerminalUI

@Suite struct TerminalEscapesTests {
    @Test func osc52CarriesTheTextInBase64() {
        #expect(TerminalEscapes.copyToClipboard("https://x/1") == "\u{1B}]52;c;aHR0cHM6Ly94LzE=\u{07}")
    }

    @Test func osc8WrapsTheSpanAndRestoresTheCursor() {
        let sequence = TerminalEscapes.hyperlink("https://a/b", text: "https://a/b", row: 4, column: 10, sgr: "\u{1B}[0;4m")
        #expect(sequence == "\u{1B}7\u{1B}[5;11H\u{1B}[0;4m\u{1B}]8;;https://a/b\u{1B}\\https://a/b\u{1B}]8;;\u{1B}\\\u{1B}[0m\u{1B}8")
    }

    @Test func unsafeURLsAreNeverEmbedded() {
        #expect(TerminalEscapes.hyperlink("https://a/\u{1B}]2;x\u{07}", text: "x", row: 0, column: 0, sgr: "") == nil)
        #expect(TerminalEscapes.hyperlink("https://a/ b", text: "x", row: 0, column: 0, sgr: "") == nil)
        #expect(!TerminalEscapes.isSafeURL(""))
    }

    @Test func sgrFollowsTheColourMode() {
        let style = ThemeStyle(foreground: .ansi(4), background: .rgb(red: 255, green: 0, blue: 0), attributes: [.underline])
        #expect(TerminalEscapes.sgr(style, mode: .none) == "\u{1B}[0;4m")
        #expect(TerminalEscapes.sgr(style, mode: .basic8) == "\u{1B}[0;4;34;41m")
        #expect(TerminalEscapes.sgr(style, mode: .indexed256) == "\u{1B}[0;4;34;48;5;196m")
        #expect(TerminalEscapes.sgr(style, mode: .direct) == "\u{1B}[0;4;34;48;2;255;0;0m")
        #expect(TerminalEscapes.sgr(ThemeStyle(foreground: .ansi(12)), mode: .basic8) == "\u{1B}[0;1;34m")
        #expect(TerminalEscapes.sgr(ThemeStyle(foreground: .ansi(12)), mode: .basic16) == "\u{1B}[0;94m")
    }

    @Test func coloursDegradeToWhatTheTerminalHas() {
        #expect(ColorMode.forColorCount(8, noColor: false) == .basic8)
        #expect(ColorMode.forColorCount(256, noColor: false) == .indexed256)
        #expect(ColorMode.forColorCount(0x1000000, noColor: false) == .direct)
        #expect(ColorMode.forColorCount(256, noColor: true) == .none)
        #expect(ColorMode.forColorCount(2, noColor: false) == .none)
        let orange = ThemeColor.rgb(red: 255, green: 135, blue: 0)
        #expect(ColorMode.indexed256.cursesColor(orange).number == 208)
        #expect(ColorMode.basic8.cursesColor(orange).number == 3)
        #expect(ColorMode.direct.cursesColor(orange).number == 0xFF8700)
        #expect(ColorMode.direct.cursesColor(.ansi(2)).number == 2)
        #expect(ColorMode.direct.cursesColor(.indexed(196)).number == 0xFF0000)
        #expect(ColorMode.basic8.cursesColor(.ansi(9)) == (1, true))
        #expect(ColorMode.indexed256.cursesColor(.terminalDefault).number == -1)
    }

    @Test func withoutColourRolesKeepTheirDistinctions() {
        let theme = ThemeSpec(name: "t", styles: [
            .selection: ThemeStyle(foreground: .ansi(0), background: .ansi(6)),
            .statusBar: ThemeStyle(background: .ansi(4)),
            .link: ThemeStyle(foreground: .ansi(4)),
        ])
        let plain = theme.attributesOnly()
        #expect(plain.style(.selection) == ThemeStyle(attributes: [.reverse]))
        #expect(plain.style(.statusBar) == ThemeStyle(attributes: [.reverse]))
        #expect(plain.style(.link) == ThemeStyle(attributes: [.underline]))
        for role in ThemeRole.allCases {
            #expect(plain.style(role).foreground == .terminalDefault && plain.style(role).background == .terminalDefault)
        }
    }

    @Test func terminalFeaturesComeFromTheEnvironment() {
        #expect(TerminalFeatures.supportsHyperlinks(environment: ["TERM_PROGRAM": "WezTerm"]))
        #expect(TerminalFeatures.supportsHyperlinks(environment: ["VTE_VERSION": "7200"]))
        #expect(!TerminalFeatures.supportsHyperlinks(environment: ["TERM_PROGRAM": "tmux", "TERM": "tmux-256color"]))
        #expect(TerminalFeatures.supportsHyperlinks(environment: ["TERM_PROGRAM": "tmux", "DEALDECK_HYPERLINKS": "1"]))
        #expect(!TerminalFeatures.supportsHyperlinks(environment: ["TERM_PROGRAM": "WezTerm", "DEALDECK_HYPERLINKS": "0"]))
        #expect(TerminalFeatures.noColor(environment: ["NO_COLOR": "1"]))
        #expect(!TerminalFeatures.noColor(environment: ["NO_COLOR": ""]))
        #expect(TerminalFeatures.prefersUnicode(environment: ["LANG": "C.UTF-8"]))
        #expect(!TerminalFeatures.prefersUnicode(environment: ["LANG": "C.UTF-8", "LC_ALL": "C"]))
    }

    @Test func agesReadNaturally() {
        let now = Fixtures.now
        #expect(Formatting.age(from: now.addingTimeInterval(-10), to: now) == "just now")
        #expect(Formatting.age(from: now.addingTimeInterval(-300), to: now) == "5 min ago")
        #expect(Formatting.age(from: now.addingTimeInterval(-3 * 3600), to: now) == "3 h ago")
        #expect(Formatting.age(from: now.addingTimeInterval(-3 * 86_400), to: now) == "3 days ago")
        #expect(Formatting.count(1_000_000) == "1,000,000")
        #expect(Formatting.count(-1234) == "-1,234")
    }
}
