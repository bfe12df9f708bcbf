import Synchronization

/// Counts the API calls a client made and keeps the latest `Sforce-Limit-Info` reading, for the
/// sync log and for stopping a sync before it eats the org's daily quota.
public final class APIMeter: Sendable {
    private struct State {
        var calls = 0
        var usage: APIUsage?
    }

    private let state = Mutex(State())

    public init() {}

    /// REST and Bulk API requests sent (retries included: each one counts against the limit).
    public var callCount: Int { state.withLock { $0.calls } }

    /// The org's usage as of the latest response that reported it.
    public var latestUsage: APIUsage? { state.withLock { $0.usage } }

    func recordCall() {
        state.withLock { $0.calls += 1 }
    }

    func record(usage: APIUsage) {
        state.withLock { $0.usage = usage }
    }
}
