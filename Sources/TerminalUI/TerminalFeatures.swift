/// What the terminal can do beyond curses, guessed from the environment (there is no reliable
/// query): whether to send OSC 8 hyperlinks, and whether to honour `NO_COLOR`.
public enum TerminalFeatures {
    /// OSC 8 only where the terminal is known to support it, since others may print the URL
    /// twice or garble the line. `DEALDECK_HYPERLINKS=1` or `0` decides explicitly.
    public static func supportsHyperlinks(environment: [String: String]) -> Bool {
        if let explicit = environment["DEALDECK_HYPERLINKS"], !explicit.isEmpty {
            return ["1", "yes", "true", "on"].contains(explicit.lowercased())
        }
        let program = environment["TERM_PROGRAM"] ?? ""
        if ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "Tabby", "rio"].contains(program) { return true }
        if let vte = environment["VTE_VERSION"].flatMap(Int.init), vte >= 5000 { return true }
        if environment["KITTY_WINDOW_ID"] != nil || environment["WT_SESSION"] != nil || environment["KONSOLE_VERSION"] != nil { return true }
        let term = environment["TERM"] ?? ""
        return ["kitty", "foot", "alacritty", "wezterm", "ghostty"].contains { term.contains($0) }
    }

    /// `NO_COLOR` set to anything but the empty string turns colour off (no-color.org).
    public static func noColor(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Whether the locale can show UTF-8 (box drawing and marks), else the ASCII glyphs.
    public static func prefersUnicode(environment: [String: String]) -> Bool {
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}
