import TerminalUI

/// A terminal without a screen, for tests and the benchmark: it keeps what it was asked to
/// present and lets the caller play events into the app.
@MainActor
public final class HeadlessTerminal: TerminalBackend {
    public private(set) var size: Size
    public let events: AsyncStream<TerminalEvent>
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    public private(set) var presented: ScreenBuffer?
    public private(set) var presentCount = 0
    public private(set) var clipboard: [String] = []
    public private(set) var mouseEnabled = false
    public private(set) var suspendCount = 0
    public private(set) var isShutDown = false

    public init(size: Size) {
        self.size = size
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Plays an event into the app, as a real terminal would.
    public func play(_ event: TerminalEvent) {
        if case .resized(let newSize) = event { size = newSize }
        continuation.yield(event)
    }

    public func present(_ buffer: ScreenBuffer) {
        presented = buffer
        presentCount += 1
    }

    public func invalidate() {}

    public func copyToClipboard(_ text: String) { clipboard.append(text) }

    public func setMouseEnabled(_ enabled: Bool) { mouseEnabled = enabled }

    public func suspend() {
        suspendCount += 1
        continuation.yield(.resumed)
    }

    public func shutdown() {
        isShutDown = true
        continuation.finish()
    }
}
