import DealdeckCore
import Foundation

/// Finds and loads themes by name or path.
///
/// Search order for a name: the user's `<config>/themes/NAME.toml`, `$DEALDECK_THEMES_DIR`,
/// the `Themes/` folder of the installation (found next to the executable or one of its
/// parent folders), and for `default` the copy compiled into the binary.
public struct ThemeCatalog: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard search path for a profile.
    public static func standard(paths: DealdeckPaths, environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeCatalog {
        var directories = [paths.userThemesDirectory]
        if let custom = environment["DEALDECK_THEMES_DIR"], !custom.isEmpty { directories.append(custom) }
        if let installed = installedThemesDirectory() { directories.append(installed) }
        return ThemeCatalog(directories: directories)
    }

    /// The names of every theme that can be found, sorted.
    public func availableNames() -> [String] {
        var names: Set<String> = ["default"]
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// Loads a theme by name or by file path.
    public func load(_ nameOrPath: String) throws(ThemeError) -> ThemeSpec {
        try load(nameOrPath, visiting: [])
    }

    /// Loads a theme, or the default with the reason when it is missing or broken, so a bad
    /// theme never stops Dealdeck from starting.
    public func loadOrDefault(_ nameOrPath: String?) -> (theme: ThemeSpec, problem: ThemeError?) {
        guard let nameOrPath else { return (defaultTheme(), nil) }
        do {
            return (try load(nameOrPath), nil)
        } catch {
            return (defaultTheme(), error)
        }
    }

    /// The default theme from the search path, or the compiled-in copy.
    public func defaultTheme() -> ThemeSpec {
        if let theme = try? load("default") { return theme }
        return Self.embeddedDefault
    }

    /// The compiled-in default theme.
    public static var embeddedDefault: ThemeSpec {
        do {
            return try ThemeFile.parse(EmbeddedThemes.defaultTOML, file: "default.toml (built in)") { _ throws(ThemeError) in nil }
        } catch {
            // The embedded text is checked by tests; a plain theme keeps the UI usable regardless.
            return ThemeSpec(name: "plain", styles: Dictionary(uniqueKeysWithValues: ThemeRole.allCases.map { ($0, ThemeStyle.plain) }))
        }
    }

    private func load(_ nameOrPath: String, visiting: Set<String>) throws(ThemeError) -> ThemeSpec {
        guard !visiting.contains(nameOrPath) else {
            throw ThemeError(file: nameOrPath, line: nil, role: "extends", problem: .unknownBase("\(nameOrPath) (it extends itself)"))
        }
        let path: String?
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            path = nameOrPath
        } else {
            path = directories.map { "\($0)/\(nameOrPath).toml" }.first { FileManager.default.fileExists(atPath: $0) }
        }
        let text: String
        let file: String
        if let path, let contents = try? String(contentsOfFile: path, encoding: .utf8) {
            text = contents
            file = path
        } else if nameOrPath == "default" {
            text = EmbeddedThemes.defaultTOML
            file = "default.toml (built in)"
        } else {
            let known = availableNames().joined(separator: ", ")
            throw ThemeError(file: path ?? "\(nameOrPath).toml", line: nil, role: "-", problem: .syntax("no such theme; available: \(known)"))
        }
        return try ThemeFile.parse(text, file: file) { (base: String) throws(ThemeError) -> ThemeSpec? in
            try self.load(base, visiting: visiting.union([nameOrPath]))
        }
    }

    /// `Themes/` next to the executable or in one of its parent folders (covers both an
    /// installed layout and `.build/debug/dealdeck` inside a checkout).
    static func installedThemesDirectory() -> String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("Themes").path
            if FileManager.default.fileExists(atPath: candidate + "/default.toml") { return candidate }
            let shared = directory.appendingPathComponent("share/dealdeck/Themes").path
            if FileManager.default.fileExists(atPath: shared + "/default.toml") { return shared }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}
