import Foundation
import Synchronization

extension Process {
    /// Waits for the started process to end and returns its termination status, without
    /// parking a thread: `waitUntilExit` on a dispatch queue would hold one of the pool's few
    /// threads (as many as the machine has cores) for as long as the child runs.
    ///
    /// Call it right after `run()`; a child that has already ended is covered too.
    public func terminationStatusWhenDone() async -> Int32 {
        await withCheckedContinuation { continuation in
            let once = ResumeOnce()
            let finish: @Sendable (Process) -> Void = { process in
                if once.claim() { continuation.resume(returning: process.terminationStatus) }
            }
            terminationHandler = finish
            if !isRunning { finish(self) }
        }
    }
}

/// Lets exactly one of the termination handler and the already-ended check resume.
private final class ResumeOnce: Sendable {
    private let claimed = Mutex(false)

    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}
