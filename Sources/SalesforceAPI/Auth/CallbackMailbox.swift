import Synchronization

/// Hands the browser callback's outcome from the NIO handler to the waiting sign-in: the first
/// outcome wins, later ones are ignored.
final class CallbackMailbox: Sendable {
    private struct State {
        var outcome: Result<String, SalesforceAPIError>?
        var waiter: CheckedContinuation<String, any Error>?
        var cancelled = false
    }

    private let state = Mutex(State())

    func deliver(_ outcome: Result<String, SalesforceAPIError>) {
        let waiter = state.withLock { state -> CheckedContinuation<String, any Error>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: outcome.mapError { $0 as any Error })
    }

    /// Waits for the callback; cancelling the task stops waiting.
    func wait() async throws -> String {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
                let ready = state.withLock { state -> Result<String, any Error>? in
                    if let outcome = state.outcome { return outcome.mapError { $0 as any Error } }
                    if state.cancelled { return .failure(CancellationError()) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<String, any Error>? in
                state.cancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
