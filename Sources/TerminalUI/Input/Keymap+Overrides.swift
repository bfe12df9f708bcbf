extension Keymap {
    /// The default keymap patched with the user's `[keys]` table (command name → keys).
    ///
    /// A value lists one or more keys separated by commas (`"s, F5"`); `""` or `"none"` unbinds
    /// the command. Unknown command names and key names are reported and skipped. When an
    /// override takes a key another command had by default, the override wins and the other
    /// command loses that key (reported, so the user knows); two overrides fighting over one key
    /// are reported and the first command (by name) keeps it.
    public init(overrides: [String: String]) {
        self.init(overrides: overrides, problems: { _ in })
    }

    /// Same as `init(overrides:)`, handing every problem to `problems`.
    public init(overrides: [String: String], problems report: (KeymapProblem) -> Void) {
        var bindings = Keymap.defaultBindings
        var overridden: [Command: [KeyChord]] = [:]
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            let keyPath = "keys.\(name)"
            guard let command = Command(rawValue: name) ?? Command(rawValue: Self.snakeCase(name)) else {
                report(KeymapProblem(keyPath: keyPath, message: "'\(name)' is not a command. Commands: \(Command.allCases.map(\.rawValue).joined(separator: ", "))."))
                continue
            }
            var chords: [KeyChord] = []
            let trimmed = value.trimmingCharacters(in: " \t")
            if !trimmed.isEmpty && trimmed.lowercased() != "none" {
                for part in Self.split(value) {
                    guard let chord = KeyChord(parsing: part) else {
                        report(KeymapProblem(keyPath: keyPath, message: "'\(part)' is not a key. Write a character (s, G, ?), Space, Ctrl-R, F5, or Up/Down/PgUp/PgDn/Home/End/Enter/Esc/Tab/Shift-Tab."))
                        continue
                    }
                    if !chords.contains(chord) { chords.append(chord) }
                }
            }
            overridden[command] = chords
            bindings[command] = chords
        }
        Self.resolveConflicts(&bindings, overridden: overridden, report: report)
        self.init(bindings: bindings)
    }

    /// Problems with a `[keys]` table, without building the keymap twice.
    public static func problems(in overrides: [String: String]) -> [KeymapProblem] {
        var found: [KeymapProblem] = []
        _ = Keymap(overrides: overrides) { found.append($0) }
        return found
    }

    private static func resolveConflicts(_ bindings: inout [Command: [KeyChord]], overridden: [Command: [KeyChord]], report: (KeymapProblem) -> Void) {
        for scope in KeyScope.allCases {
            let group = Set(scope.conflictGroup)
            var owners: [KeyChord: [Command]] = [:]
            for command in Command.allCases where command.info.scope == scope {
                for chord in bindings[command] ?? [] { owners[chord, default: []].append(command) }
            }
            // Also look at the other scopes of the group (list ↔ global), once per pair.
            for command in Command.allCases where command.info.scope != scope && group.contains(command.info.scope) && scope == .list {
                for chord in bindings[command] ?? [] where owners[chord] != nil { owners[chord, default: []].append(command) }
            }
            for (chord, commands) in owners.sorted(by: { $0.key.description < $1.key.description }) where commands.count > 1 {
                let fromUser = commands.filter { overridden[$0]?.contains(chord) == true }.sorted { $0.rawValue < $1.rawValue }
                let winner = fromUser.first ?? commands[0]
                for loser in commands where loser != winner {
                    bindings[loser]?.removeAll { $0 == chord }
                    if fromUser.contains(loser) {
                        report(KeymapProblem(keyPath: "keys.\(loser.rawValue)", message: "\(chord) is also set for \(winner.rawValue); \(winner.rawValue) keeps it."))
                    } else if !fromUser.isEmpty {
                        report(KeymapProblem(keyPath: "keys.\(winner.rawValue)", message: "\(chord) now runs \(winner.rawValue) instead of \(loser.rawValue)."))
                    }
                }
            }
        }
    }

    /// `"s, F5"` → `["s", "F5"]`; a lone `,` is the comma key.
    private static func split(_ value: String) -> [String] {
        if value.trimmingCharacters(in: " \t") == "," { return [","] }
        return value.split(separator: ",", omittingEmptySubsequences: true).map { String($0).trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }
    }

    /// `moveDown` → `move_down`, so camel-case names in the file work too.
    private static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character == "-" ? "_" : character)
            }
        }
        return result
    }
}
