import Foundation

/// Where Dealdeck keeps its files.
///
/// By default the XDG base directories: config in `$XDG_CONFIG_HOME/dealdeck`
/// (`~/.config/dealdeck`), data in `$XDG_DATA_HOME/dealdeck` (`~/.local/share/dealdeck`),
/// state in `$XDG_STATE_HOME/dealdeck` (`~/.local/state/dealdeck`). `--home DIR` or
/// `DEALDECK_HOME` puts all three under one folder (`DIR/config`, `DIR/data`, `DIR/state`),
/// which is how tests, the demo and side-by-side profiles stay apart.
public struct DealdeckPaths: Sendable, Equatable {
    public var configDirectory: String
    public var dataDirectory: String
    public var stateDirectory: String

    public init(configDirectory: String, dataDirectory: String, stateDirectory: String) {
        self.configDirectory = configDirectory
        self.dataDirectory = dataDirectory
        self.stateDirectory = stateDirectory
    }

    /// Resolves the directories from an explicit home, then `DEALDECK_HOME`, then XDG.
    public static func resolve(home: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DealdeckPaths {
        if let home = home ?? environment["DEALDECK_HOME"], !home.isEmpty {
            let root = absolute(home, environment: environment)
            return DealdeckPaths(configDirectory: root + "/config", dataDirectory: root + "/data", stateDirectory: root + "/state")
        }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func xdg(_ variable: String, _ fallback: String) -> String {
            // The XDG spec says relative paths in these variables are invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return value + "/dealdeck" }
            return userHome + "/" + fallback + "/dealdeck"
        }
        return DealdeckPaths(
            configDirectory: xdg("XDG_CONFIG_HOME", ".config"),
            dataDirectory: xdg("XDG_DATA_HOME", ".local/share"),
            stateDirectory: xdg("XDG_STATE_HOME", ".local/state"))
    }

    public var configFile: String { configDirectory + "/config.toml" }
    public var appDatabase: String { dataDirectory + "/app.sqlite" }
    public var cacheDatabase: String { dataDirectory + "/cache.sqlite" }
    public var secretsFile: String { dataDirectory + "/secrets.sealed" }
    public var keyFile: String { configDirectory + "/secret.key" }
    public var logFile: String { stateDirectory + "/dealdeck.log" }
    public var syncLockFile: String { stateDirectory + "/sync.lock" }
    public var userThemesDirectory: String { configDirectory + "/themes" }

    /// Creates the three directories with mode 0700 (and tightens existing ones).
    public func createDirectories() throws(ConfigError) {
        for directory in [configDirectory, dataDirectory, stateDirectory] {
            try PrivateFiles.createDirectory(directory)
        }
    }

    private static func absolute(_ path: String, environment: [String: String]) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") {
            expanded = (environment["HOME"] ?? NSHomeDirectory()) + expanded.dropFirst()
        }
        if !expanded.hasPrefix("/") {
            expanded = FileManager.default.currentDirectoryPath + "/" + expanded
        }
        return URL(fileURLWithPath: expanded).standardizedFileURL.path
    }
}
