import DealdeckCore
import Foundation

/// What the status bar knows about syncing.
public struct SyncStatus: Equatable, Sendable {
    /// The sync in progress, if any.
    public var running: RunningSync?
    /// How the last sync this session ended.
    public var lastOutcome: SyncEnding?
    /// When the cache last finished a sync successfully (any process).
    public var lastSuccessAt: SalesforceTimestamp?
    /// When this session last started one (for the auto-sync interval).
    public var lastStartedAt: Date?
    /// Why keyboard sync cannot run (not signed in…), or nil when it can.
    public var unavailableReason: String?
    /// Minutes between automatic syncs; nil or 0 turns them off.
    public var autoSyncMinutes: Int?

    public init(unavailableReason: String? = nil, autoSyncMinutes: Int? = nil) {
        self.unavailableReason = unavailableReason
        self.autoSyncMinutes = autoSyncMinutes
    }
}

/// A sync in progress.
public struct RunningSync: Equatable, Sendable {
    public var kind: SyncKind
    public var progress: SyncProgress?
    public var startedAt: Date
    /// Started by the auto-sync interval rather than a key.
    public var isAutomatic: Bool

    public init(kind: SyncKind, progress: SyncProgress? = nil, startedAt: Date, isAutomatic: Bool = false) {
        self.kind = kind
        self.progress = progress
        self.startedAt = startedAt
        self.isAutomatic = isAutomatic
    }
}

/// How a sync ended.
public enum SyncEnding: Equatable, Sendable {
    case finished(SyncRun)
    case failed(SyncFailure)
}
