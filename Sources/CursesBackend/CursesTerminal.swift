import CNCursesW
import DealdeckCore
import Foundation
import Glibc
import TerminalUI

/// The ncursesw backend: the only code that talks to curses. It presents screen buffers
/// (writing only the cells that changed), turns curses input into `TerminalEvent`s, and puts
/// the terminal back on every way out: quit, error, signals and crashes.
@MainActor
public final class CursesTerminal: TerminalBackend {
    /// How to start.
    public struct Options: Sendable {
        public var mouse: Bool
        /// Colour off (`NO_COLOR`), attributes only.
        public var noColor: Bool
        /// Whether to send OSC 8 hyperlinks.
        public var hyperlinks: Bool

        public init(mouse: Bool = false, noColor: Bool = false, hyperlinks: Bool = false) {
            self.mouse = mouse
            self.noColor = noColor
            self.hyperlinks = hyperlinks
        }
    }

    public private(set) var size: Size
    public let events: AsyncStream<TerminalEvent>
    public let colorMode: ColorMode
    let options: Options
    let eventContinuation: AsyncStream<TerminalEvent>.Continuation
    private let watcher: InputWatcher
    private var watchTask: Task<Void, Never>?
    var pairs: ColorPairCache
    var palette: CursesPalette?
    var lastFrame: ScreenBuffer?
    var cursorVisible = false
    var mouseEnabled = false
    var lastClick: (position: Position, time: Double)?
    private var active = false

    /// Starts curses on the process's terminal.
    public init(options: Options) throws(CursesError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        // Before anything else: wide characters need the user's locale.
        setlocale(LC_ALL, "")
        // Before the screen starts, so ncurses leaves these signals to us (see shim.h).
        let signalFD = dd_install_signal_handlers()
        set_escdelay(25)
        guard dd_newterm() != nil else {
            throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        dd_set_screen_active(1)
        self.options = options
        active = true
        raw()
        noecho()
        nonl()
        intrflush(dd_stdscr(), false)
        keypad(dd_stdscr(), true)
        nodelay(dd_stdscr(), true)
        curs_set(0)
        var mode = ColorMode.none
        if !options.noColor && has_colors() {
            start_color()
            if use_default_colors() == dd_ok() {
                mode = ColorMode.forColorCount(Int(dd_colors()), noColor: false)
            } else {
                // Without default colours -1 means nothing; fall back to attributes only.
                mode = .none
            }
        }
        colorMode = mode
        pairs = ColorPairCache(capacity: mode == .none ? 0 : Int(dd_color_pairs()) - 1)
        size = Size(width: Int(dd_cols()), height: Int(dd_lines()))
        (events, eventContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        watcher = InputWatcher(inputFD: STDIN_FILENO, signalFD: signalFD)
        setMouseEnabled(options.mouse)
        watcher.start()
        let watcher = self.watcher
        watchTask = Task { @MainActor [weak self] in
            for await event in watcher.events {
                guard let self else { return }
                self.handle(event)
            }
        }
    }

    private func handle(_ event: InputWatcher.Event) {
        switch event {
        case .input:
            readInput()
            watcher.inputDrained()
        case .signal(let signal):
            handleSignal(signal)
        case .hangUp:
            eventContinuation.yield(.terminate(signal: SIGHUP))
        }
    }

    private func handleSignal(_ signal: Int32) {
        switch signal {
        case SIGWINCH:
            resizeFromKernel()
        case SIGTSTP:
            suspend()
        case SIGCONT:
            // Resumed after a stop we did not ask for (kill -STOP): repaint everything.
            guard active else { return }
            invalidate()
            eventContinuation.yield(.resumed)
        default:
            eventContinuation.yield(.terminate(signal: signal))
        }
    }

    /// Re-reads the size after SIGWINCH and tells curses, so the next frame is laid out at once.
    func resizeFromKernel() {
        guard active else { return }
        var rows: Int32 = 0
        var columns: Int32 = 0
        if dd_window_size(STDOUT_FILENO, &rows, &columns) == 0 {
            resize_term(rows, columns)
        }
        updateSize()
    }

    func updateSize() {
        let newSize = Size(width: Int(dd_cols()), height: Int(dd_lines()))
        guard newSize != size else { return }
        size = newSize
        invalidate()
        eventContinuation.yield(.resized(newSize))
    }

    public func invalidate() {
        lastFrame = nil
        guard active else { return }
        clearok(dd_curscr(), true)
    }

    public func copyToClipboard(_ text: String) {
        writeRaw(TerminalEscapes.copyToClipboard(text))
    }

    public func setMouseEnabled(_ enabled: Bool) {
        mouseEnabled = enabled
        guard active else { return }
        if enabled {
            mouseinterval(0)
            mousemask(dd_all_mouse_events(), nil)
        } else {
            mousemask(0, nil)
        }
    }

    public func suspend() {
        guard active else { return }
        let hadMouse = mouseEnabled
        if hadMouse { mousemask(0, nil) }
        curs_set(1)
        endwin()
        dd_set_screen_active(0)
        dd_stop_self()
        // The shell resumed us (fg).
        dd_set_screen_active(1)
        refresh()
        if hadMouse { setMouseEnabled(true) }
        cursorVisible = true
        invalidate()
        var rows: Int32 = 0
        var columns: Int32 = 0
        if dd_window_size(STDOUT_FILENO, &rows, &columns) == 0 { resize_term(rows, columns) }
        size = Size(width: Int(dd_cols()), height: Int(dd_lines()))
        eventContinuation.yield(.resumed)
    }

    public func shutdown() {
        guard active else { return }
        active = false
        if mouseEnabled { mousemask(0, nil) }
        curs_set(1)
        endwin()
        dd_set_screen_active(0)
        watcher.stop()
        watchTask?.cancel()
        eventContinuation.finish()
    }

    /// Writes bytes straight to the terminal, after curses has flushed its own.
    func writeRaw(_ text: String) {
        guard active else { return }
        var bytes = Array(text.utf8)
        _ = dd_write_all(STDOUT_FILENO, &bytes, bytes.count)
    }
}
