import DealdeckCore

/// What the app needs from a terminal: its size, its events, and a way to show a buffer.
///
/// `CursesBackend` is the real one; tests and the benchmark use a headless one. Everything runs
/// on the main actor because curses is single-threaded.
@MainActor
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Keys, mouse, resizes, resumes and termination requests, until the backend shuts down.
    var events: AsyncStream<TerminalEvent> { get }
    /// Shows a buffer, writing only what changed since the last one.
    func present(_ buffer: ScreenBuffer)
    /// Forgets what is on screen, so the next `present` repaints everything (Ctrl-L).
    func invalidate()
    /// Puts text on the system clipboard (OSC 52: works over SSH and in tmux).
    func copyToClipboard(_ text: String)
    /// Turns mouse reporting on or off.
    func setMouseEnabled(_ enabled: Bool)
    /// Gives the terminal back to the shell until the user resumes the job (Ctrl-Z).
    func suspend()
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
}
