import DealdeckCore

/// The sync engine's memory between runs, kept in the cache beside the data it describes.
public struct SyncState: Equatable, Sendable {
    /// The `(SystemModstamp, Id)` of the last record written: incremental syncs resume after it.
    public var watermark: SyncWatermark?
    public var lastFullSyncAt: SalesforceTimestamp?
    public var lastSuccessAt: SalesforceTimestamp?
    /// Up to when deletes were last reconciled (getDeleted's `latestDateCovered`).
    public var lastDeletedCheckAt: SalesforceTimestamp?
    /// An interrupted run's resume point, as JSON owned by the sync engine.
    public var checkpoint: String?
    public var orgId: String?
    public var instanceURL: String?

    public init(
        watermark: SyncWatermark? = nil, lastFullSyncAt: SalesforceTimestamp? = nil, lastSuccessAt: SalesforceTimestamp? = nil,
        lastDeletedCheckAt: SalesforceTimestamp? = nil, checkpoint: String? = nil, orgId: String? = nil, instanceURL: String? = nil
    ) {
        self.watermark = watermark
        self.lastFullSyncAt = lastFullSyncAt
        self.lastSuccessAt = lastSuccessAt
        self.lastDeletedCheckAt = lastDeletedCheckAt
        self.checkpoint = checkpoint
        self.orgId = orgId
        self.instanceURL = instanceURL
    }
}

/// A position in `(SystemModstamp, Id)` order: ties on the timestamp are broken by the ID.
public struct SyncWatermark: Equatable, Sendable, Comparable {
    public var systemModstamp: SalesforceTimestamp
    public var id: SalesforceID

    public init(systemModstamp: SalesforceTimestamp, id: SalesforceID) {
        self.systemModstamp = systemModstamp
        self.id = id
    }

    public static func < (lhs: SyncWatermark, rhs: SyncWatermark) -> Bool {
        (lhs.systemModstamp, lhs.id) < (rhs.systemModstamp, rhs.id)
    }
}
