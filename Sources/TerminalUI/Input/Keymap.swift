/// Key bindings as data: which chords run which command, per scope.
///
/// Built from `defaultBindings` plus the user's overrides (`Keymap(overrides:)`); the help
/// overlay and the hint bar are generated from it, so they always show the real keys.
public struct Keymap: Equatable, Sendable {
    public private(set) var bindings: [Command: [KeyChord]]
    private var lookup: [KeyScope: [KeyChord: Command]] = [:]

    public init(bindings: [Command: [KeyChord]] = Keymap.defaultBindings) {
        self.bindings = bindings
        rebuildLookup()
    }

    /// The default keymap.
    public static let standard = Keymap()

    /// The command a chord runs, looking through the scopes in order.
    public func command(for chord: KeyChord, in scopes: [KeyScope]) -> Command? {
        for scope in scopes {
            if let command = lookup[scope]?[chord] { return command }
        }
        return nil
    }

    /// The chords bound to a command, in their configured order.
    public func chords(for command: Command) -> [KeyChord] {
        bindings[command] ?? []
    }

    /// `j/Down`: the chords of a command as the help shows them.
    public func label(for command: Command, limit: Int = 3) -> String {
        chords(for: command).prefix(limit).map(\.description).joined(separator: "/")
    }

    mutating func setChords(_ chords: [KeyChord], for command: Command) {
        bindings[command] = chords
        rebuildLookup()
    }

    private mutating func rebuildLookup() {
        var table: [KeyScope: [KeyChord: Command]] = [:]
        // Iterate in declaration order so a (reported) conflict resolves the same way every time.
        for command in Command.allCases {
            for chord in bindings[command] ?? [] where table[command.info.scope]?[chord] == nil {
                table[command.info.scope, default: [:]][chord] = command
            }
        }
        lookup = table
    }
}
