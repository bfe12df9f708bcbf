import Foundation

/// Opens URLs in the user's browser without blocking: `$BROWSER` (a colon-separated list of
/// commands, `%s` standing for the URL), else `xdg-open`, `wslview` or `open`. The URL is one
/// argument (no shell), and the browser's output never reaches the terminal.
public struct LinkOpener: Sendable {
    /// Opens a URL; returns an error message, or nil on success.
    public var open: @Sendable (String) async -> String?

    public init(open: @escaping @Sendable (String) async -> String?) {
        self.open = open
    }

    /// The system opener for an environment.
    public static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> LinkOpener {
        LinkOpener { url in
            guard let command = command(for: url, environment: environment) else {
                return "No browser found: set $BROWSER, or install xdg-utils. The link is shown in the detail pane; y copies it."
            }
            return await run(command)
        }
    }

    /// The command line to run for a URL, or nil when there is no way to open one.
    public static func command(for url: String, environment: [String: String]) -> [String]? {
        var candidates: [[String]] = []
        if let browser = environment["BROWSER"], !browser.isEmpty {
            for entry in browser.split(separator: ":") {
                var words = entry.split(separator: " ").map(String.init)
                if words.contains(where: { $0.contains("%s") }) {
                    words = words.map { $0.replacingOccurrences(of: "%s", with: url) }
                } else {
                    words.append(url)
                }
                if !words.isEmpty { candidates.append(words) }
            }
        }
        candidates += [["xdg-open", url], ["wslview", url], ["open", url]]
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        return candidates.first { words in
            guard let program = words.first else { return false }
            if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) }
            return path.contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + program) }
        }
    }

    /// Runs the opener with no terminal attached and reports whether it failed.
    static func run(_ command: [String]) async -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "Could not start \(command[0]): \(error.localizedDescription)"
        }
        let status = await process.terminationStatusWhenDone()
        return status == 0 ? nil : "\(command[0]) could not open the link (exit \(status)). The link is in the detail pane; y copies it."
    }
}
