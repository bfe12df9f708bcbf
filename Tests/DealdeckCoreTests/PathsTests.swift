import DealdeckConfig
import Foundation
import Testing

@Suite struct PathsTests {
    @Test func homeOverridesEverything() {
        let paths = DealdeckPaths.resolve(home: "/tmp/x", environment: ["DEALDECK_HOME": "/tmp/y", "XDG_CONFIG_HOME": "/c"])
        #expect(paths.configDirectory == "/tmp/x/config")
        #expect(paths.dataDirectory == "/tmp/x/data")
        #expect(paths.stateDirectory == "/tmp/x/state")
    }

    @Test func environmentHomeThenXDG() {
        #expect(DealdeckPaths.resolve(home: nil, environment: ["DEALDECK_HOME": "/tmp/y"]).configDirectory == "/tmp/y/config")
        let xdg = DealdeckPaths.resolve(home: nil, environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "relative"])
        #expect(xdg.configDirectory == "/c/dealdeck")
        #expect(xdg.dataDirectory == "/home/u/.local/share/dealdeck")
        #expect(xdg.stateDirectory == "/home/u/.local/state/dealdeck")
    }

    @Test func directoriesAre0700AndConfigIs0600() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-paths-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = DealdeckPaths.resolve(home: root, environment: [:])
        try paths.createDirectories()
        for directory in [paths.configDirectory, paths.dataDirectory, paths.stateDirectory] {
            #expect(PrivateFiles.permissions(of: directory) == 0o700)
        }
        var settings = DealdeckSettings()
        settings.salesforce.loginURL = "https://login.salesforce.com"
        settings.cache.enabled = false
        settings.keys["sync"] = "F5"
        try SettingsFile.save(settings, to: paths.configFile)
        #expect(PrivateFiles.permissions(of: paths.configFile) == 0o600)
        #expect(try SettingsFile.load(from: paths.configFile) == settings)
    }

    @Test func badConfigNamesTheFileAndLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-bad-\(UUID().uuidString).toml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "[cache]\nenabled = maybe\n".write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try SettingsFile.load(from: file)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(file))
            if case .invalidTOML(_, let line, _, _) = error { #expect(line == 2) } else { Issue.record("wrong case \(error)") }
        }
        try "[cache]\nenabled = 3\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try SettingsFile.load(from: file) }
    }
}
