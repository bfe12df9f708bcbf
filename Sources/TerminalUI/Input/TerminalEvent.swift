/// What a terminal backend reports to the app.
public enum TerminalEvent: Equatable, Sendable {
    case key(KeyChord)
    case mouse(MouseEvent)
    case resized(Size)
    /// The terminal was given back after a suspend (Ctrl-Z, then `fg`).
    case resumed
    /// SIGINT, SIGTERM or SIGHUP arrived: shut down cleanly.
    case terminate(signal: Int32)
}
