@testable import DealdeckConfig
import DealdeckCore
import Foundation
import Testing

@Suite struct ThemeFilesTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    static var themeFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: themesDirectory)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test func everyShippedThemeResolvesEveryRole() throws {
        #expect(!Self.themeFiles.isEmpty)
        let catalog = ThemeCatalog(directories: [Self.themesDirectory])
        for file in Self.themeFiles {
            let theme = try catalog.load(Self.themesDirectory + "/" + file)
            for role in ThemeRole.allCases { #expect(theme.styles[role] != nil, "\(file) lacks \(role.rawValue)") }
        }
    }

    @Test func theEmbeddedDefaultMatchesThemesDefault() throws {
        let onDisk = try String(contentsOfFile: Self.themesDirectory + "/default.toml", encoding: .utf8)
        #expect(EmbeddedThemes.defaultTOML + "\n" == onDisk || EmbeddedThemes.defaultTOML == onDisk)
        #expect(ThemeCatalog.embeddedDefault.styles.count == ThemeRole.allCases.count)
    }

    @Test func aBrokenThemeNamesFileLineAndRole() throws {
        let text = """
            name = "broken"
            extends = "default"

            [roles]
            text = { fg = "default" }
            selection = { fg = "purpleish" }
            """
        do {
            _ = try ThemeFile.parse(text, file: "broken.toml") { _ throws(ThemeError) in ThemeCatalog.embeddedDefault }
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "broken.toml")
            #expect(error.line == 6)
            #expect(error.role == "selection")
            #expect(error.description.contains("broken.toml:6"))
            #expect(error.description.contains("purpleish"))
        }
    }

    @Test func unknownRolesAndMissingRolesAreErrors() {
        #expect(throws: ThemeError.self) {
            _ = try ThemeFile.parse("[roles]\nsparkle = { fg = \"red\" }", file: "x.toml") { _ throws(ThemeError) in ThemeCatalog.embeddedDefault }
        }
        #expect(throws: ThemeError.self) {
            _ = try ThemeFile.parse("[roles]\ntext = { fg = \"red\" }", file: "partial.toml") { _ throws(ThemeError) in nil }
        }
    }

    @Test func aMissingThemeFallsBackToTheDefaultWithTheReason() {
        let catalog = ThemeCatalog(directories: [Self.themesDirectory])
        let (theme, problem) = catalog.loadOrDefault("no-such-theme")
        #expect(theme.name == "default")
        #expect(problem?.description.contains("no such theme") == true)
    }

    @Test func colorsParseAndDegrade() {
        #expect(ThemeColor(parsing: "#ff0000") == .rgb(red: 255, green: 0, blue: 0))
        #expect(ThemeColor(parsing: "#ff0000")?.nearest256 == 196)
        #expect(ThemeColor(parsing: "#ff0000")?.nearest8 == 1)
        #expect(ThemeColor(parsing: "color240") == .indexed(240))
        #expect(ThemeColor(parsing: "bright-blue") == .ansi(12))
        #expect(ThemeColor(parsing: "chartreuse-ish") == nil)
    }
}
