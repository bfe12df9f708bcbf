extension KeyChord {
    /// Parses a key name as written in `config.toml` (`[keys]`): a single character (`s`, `G`,
    /// `?`), `space`, `ctrl-r` (also `C-r`, `<C-r>`, `^R`), `F5`, or a special key name
    /// (`up`, `pgdn`, `home`, `enter`, `esc`, `tab`, `shift-tab`, …). Case matters only for
    /// single characters.
    public init?(parsing text: String) {
        var name = text.trimmingCharacters(in: " \t")
        if name.count > 2, name.hasPrefix("<"), name.hasSuffix(">") { name = String(name.dropFirst().dropLast()) }
        if name == " " {
            self = .character(" ")
            return
        }
        if name.count == 1, let character = name.first {
            self = .character(character)
            return
        }
        let lowered = name.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lowered.hasPrefix(prefix) {
            let rest = lowered.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { return nil }
            self = .control(letter)
            return
        }
        if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...24).contains(number) {
            self = .function(number)
            return
        }
        guard let key = Self.specialAliases[lowered] else { return nil }
        self = key
    }

    private static let specialAliases: [String: KeyChord] = [
        "space": .character(" "), "up": .special(.up), "down": .special(.down), "left": .special(.left), "right": .special(.right),
        "pgup": .special(.pageUp), "pageup": .special(.pageUp), "pgdn": .special(.pageDown), "pagedown": .special(.pageDown),
        "home": .special(.home), "end": .special(.end), "enter": .special(.enter), "return": .special(.enter),
        "esc": .special(.escape), "escape": .special(.escape), "backspace": .special(.backspace), "bs": .special(.backspace),
        "tab": .special(.tab), "shift-tab": .special(.backTab), "backtab": .special(.backTab), "s-tab": .special(.backTab),
        "delete": .special(.delete), "del": .special(.delete), "insert": .special(.insert), "ins": .special(.insert),
    ]
}

extension String {
    /// Trims the given characters from both ends (Foundation-free).
    func trimmingCharacters(in set: String) -> String {
        guard let first = firstIndex(where: { !set.contains($0) }), let last = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
