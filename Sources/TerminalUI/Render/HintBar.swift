import DealdeckCore

/// The bottom row: the keys that matter now, generated from the keymap (so a rebound key shows
/// its new name), or the command line while typing one.
public enum HintBar {
    static func draw(_ state: AppState, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, role: .text)
        if case .command(let field) = state.mode {
            var x = rect.x + canvas.text(Strings.commandPrompt, x: rect.x, y: rect.y, role: .helpKey)
            x += canvas.text(FilterBar.tail(field.text, width: rect.width - 2), x: x, y: rect.y, role: .inputFocused)
            canvas.showCursor(x: x, y: rect.y)
            return
        }
        var x = rect.x + 1
        for (key, hint) in hints(state) {
            let width = TerminalText.width(key) + 1 + TerminalText.width(hint)
            if x + width > rect.maxX { break }
            x += canvas.text(key, x: x, y: rect.y, role: .helpKey)
            x += 1
            x += canvas.text(hint, x: x, y: rect.y, role: .helpText)
            x += 2
        }
    }

    /// (key, word) pairs for the commands of the current mode that have a hint, help first,
    /// then the mode's scopes in order. A command shows under a key only if that key really runs it now (in the help
    /// overlay `q` closes the help, so "q quit" is not offered there).
    public static func hints(_ state: AppState) -> [(String, String)] {
        var result: [(String, String)] = []
        let scopes = state.mode.scopes
        // Help first (so it is never cut off), then the mode's own keys, then the global ones.
        let ordered = [Command.help] + scopes.flatMap { scope in Command.allCases.filter { $0.info.scope == scope && $0 != .help } }
        for command in ordered where scopes.contains(command.info.scope) {
            guard let hint = command.info.hint else { continue }
            guard let chord = state.keymap.chords(for: command).first(where: { state.keymap.command(for: $0, in: scopes) == command }) else {
                continue
            }
            result.append((chord.description, hint))
        }
        return result
    }
}
