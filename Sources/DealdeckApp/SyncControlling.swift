import DealdeckCore

/// What the UI needs from the sync engine: start a run, and hear how runs go.
///
/// The `SyncEngine` actor satisfies it as is (`start(kind:)`, `events`); the composition root
/// injects it, tests inject a fake. The UI never sees HTTP, only these events and the cache.
public protocol SyncControlling: Sendable {
    /// Starts a sync in the background. False when one is already running (here or in another
    /// process holding the sync lock).
    func start(kind: SyncKind) async -> Bool
    /// Events of every run, for as long as the controller lives. One consumer: the app.
    var events: AsyncStream<SyncEvent> { get async }
}
