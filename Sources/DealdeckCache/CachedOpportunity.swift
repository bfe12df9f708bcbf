import DealdeckCore

/// A cached opportunity with its cache bookkeeping.
public struct CachedOpportunity: Equatable, Sendable {
    public var opportunity: Opportunity
    /// When Salesforce deleted it (a tombstone), or nil while it is live.
    public var deletedAt: SalesforceTimestamp?
    /// When a sync last wrote it.
    public var syncedAt: SalesforceTimestamp
}
