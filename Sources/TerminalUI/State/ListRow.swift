import DealdeckCore

/// One row of the list: the opportunity and when a sync last wrote it (for the freshness mark).
public struct ListRow: Equatable, Sendable {
    public var opportunity: Opportunity
    public var syncedAt: SalesforceTimestamp?

    public init(opportunity: Opportunity, syncedAt: SalesforceTimestamp? = nil) {
        self.opportunity = opportunity
        self.syncedAt = syncedAt
    }
}
