import Foundation
import Synchronization

/// Writes to stdout or stderr without ever trapping.
///
/// Why: Foundation's `FileHandle.write(_:)` traps when the write fails, so `dealdeck sync --json
/// | head -3` crashed with a backtrace once `head` closed the pipe. A closed stream is not an
/// error of the work in progress (a sync goes on and is logged), so after the first failed
/// write the stream is marked closed and later output is dropped quietly.
public enum StandardStream: Sendable {
    case output
    case error

    public func write(_ text: String) {
        write(Data(text.utf8))
    }

    public func write(_ data: Data) {
        guard !isClosed else { return }
        do {
            try handle.write(contentsOf: data)
        } catch {
            Self.closed.withLock { _ = $0.insert(self) }
        }
    }

    /// Whether an earlier write failed (the reader went away).
    private var isClosed: Bool { Self.closed.withLock { $0.contains(self) } }

    private var handle: FileHandle {
        switch self {
        case .output: return FileHandle.standardOutput
        case .error: return FileHandle.standardError
        }
    }

    private static let closed = Mutex<Set<StandardStream>>([])
}
