import Dispatch
import Synchronization

/// Runs jobs one at a time on a background queue, keeping only the newest waiting job (gitui's
/// `AsyncSingleJob`): typing "acme" fast runs at most two queries, not four.
final class LatestOnlyQueue: Sendable {
    /// A unit of work, and what to do if a newer job replaces it before it starts.
    struct Job: Sendable {
        var run: @Sendable () -> Void
        var superseded: @Sendable () -> Void
    }

    private struct State {
        var pending: Job?
        var scheduled = false
    }

    private let queue: DispatchQueue
    private let state = Mutex(State())

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func submit(_ job: Job) {
        let (replaced, schedule) = state.withLock { state -> (Job?, Bool) in
            let replaced = state.pending
            state.pending = job
            guard !state.scheduled else { return (replaced, false) }
            state.scheduled = true
            return (replaced, true)
        }
        replaced?.superseded()
        if schedule { queue.async { self.drain() } }
    }

    private func drain() {
        while let job = next() { job.run() }
    }

    private func next() -> Job? {
        state.withLock { state in
            guard let job = state.pending else {
                state.scheduled = false
                return nil
            }
            state.pending = nil
            return job
        }
    }
}
