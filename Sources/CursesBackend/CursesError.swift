/// Why the interactive UI could not start.
public enum CursesError: Error, Equatable, Sendable, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "The interactive UI needs a terminal, and stdin or stdout is not one. In scripts, use `dealdeck list` or `dealdeck show`."
        case .unknownTerminal(let name):
            return "The terminal type '\(name)' is unknown to ncurses. Set TERM to one it knows, such as xterm-256color."
        }
    }
}
