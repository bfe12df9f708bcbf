/// One key press as the keymap sees it: a character (case-sensitive, so `G` differs from `g`),
/// a Ctrl combination, a function key or a special key.
public enum KeyChord: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    /// Ctrl plus a lowercase letter (Ctrl-R is `.control("r")`).
    case control(Character)
    /// F1…F24.
    case function(Int)
    case special(SpecialKey)

    /// The name shown in the help overlay and the hint bar, and accepted in `config.toml`:
    /// `j`, `G`, `Ctrl-R`, `F5`, `PgDn`, `Space`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + letter.uppercased()
        case .function(let number): return "F\(number)"
        case .special(let key): return Self.specialNames[key] ?? key.rawValue
        }
    }

    static let specialNames: [SpecialKey: String] = [
        .up: "Up", .down: "Down", .left: "Left", .right: "Right", .pageUp: "PgUp", .pageDown: "PgDn", .home: "Home", .end: "End",
        .enter: "Enter", .escape: "Esc", .backspace: "Backspace", .tab: "Tab", .backTab: "Shift-Tab", .delete: "Delete", .insert: "Insert",
    ]

    /// Whether typing this key in a text field inserts it.
    public var insertableCharacter: Character? {
        if case .character(let character) = self { return character }
        return nil
    }
}
