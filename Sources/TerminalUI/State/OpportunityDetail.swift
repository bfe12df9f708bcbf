import DealdeckCore

/// Everything the detail pane shows about one opportunity.
public struct OpportunityDetail: Equatable, Sendable {
    public var opportunity: Opportunity
    public var members: [Membership]
    /// When a sync last wrote the record.
    public var syncedAt: SalesforceTimestamp?
    /// When Salesforce deleted it, for a tombstone.
    public var deletedAt: SalesforceTimestamp?

    public init(opportunity: Opportunity, members: [Membership] = [], syncedAt: SalesforceTimestamp? = nil, deletedAt: SalesforceTimestamp? = nil) {
        self.opportunity = opportunity
        self.members = members
        self.syncedAt = syncedAt
        self.deletedAt = deletedAt
    }
}
