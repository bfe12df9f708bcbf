import Foundation

/// Opens a URL with `$BROWSER` when it is set, and only then: over SSH or on a server there is
/// no browser to guess at, and the printed URL is enough.
enum BrowserLauncher {
    /// `$BROWSER` may list several commands separated by `:`; the first is used. `%s` stands for
    /// the URL; otherwise the URL is the last argument. The URL is passed as an argument, never
    /// through a shell.
    static func open(_ url: String) {
        guard let variable = ProcessInfo.processInfo.environment["BROWSER"], !variable.isEmpty,
            let first = variable.split(separator: ":").first.map(String.init), !first.isEmpty
        else { return }
        var words = first.split(separator: " ").map(String.init)
        if words.contains(where: { $0.contains("%s") }) {
            words = words.map { $0.replacingOccurrences(of: "%s", with: url) }
        } else {
            words.append(url)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = words
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try? process.run()
    }
}
