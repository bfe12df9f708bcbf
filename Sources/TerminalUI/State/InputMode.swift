/// What keys go to: the list, the filter being typed, the command line, or the help overlay.
public enum InputMode: Equatable, Sendable {
    case normal
    /// Typing a filter; `previous` is restored on Esc.
    case filter(TextField, previous: String)
    case command(TextField)
    /// The help overlay, scrolled this many lines.
    case help(scroll: Int)

    /// The key scopes active in this mode, most specific first.
    public var scopes: [KeyScope] {
        switch self {
        case .normal: return [.list, .global]
        case .filter, .command: return [.textInput]
        case .help: return [.help, .global]
        }
    }
}
