import Foundation

/// Time as the engine sees it: injected so tests control run timestamps, rates and the waits
/// between Bulk API polls.
public protocol SyncClock: Sendable {
    func now() -> Date
    /// Waits, throwing `CancellationError` when the sync is cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clock.
public struct SystemSyncClock: SyncClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
