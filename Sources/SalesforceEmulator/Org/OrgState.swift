import DealdeckCore

/// The org's records as the state file keeps them: every table, the recycle bin included,
/// and the counters that keep new IDs and `/deleted/` coverage consistent after a restart.
public struct OrgState: Sendable, Codable {
    public var multiCurrency: Bool
    public var opportunities: [OpportunityRecord]
    public var accounts: [AccountRecord]
    public var users: [UserRecord]
    public var stages: [OpportunityStageRecord]
    public var nextOpportunityNumber: Int
    public var earliestDeletedDateAvailable: SalesforceTimestamp

    init(tables: OrgTables, multiCurrency: Bool) {
        self.multiCurrency = multiCurrency
        opportunities = tables.opportunities
        accounts = tables.accounts
        users = tables.users
        stages = tables.stages
        nextOpportunityNumber = tables.nextOpportunityNumber
        earliestDeletedDateAvailable = tables.earliestDeletedDateAvailable
    }

    var tables: OrgTables {
        var tables = OrgTables(earliestDeletedDateAvailable: earliestDeletedDateAvailable)
        tables.opportunities = opportunities
        tables.accounts = accounts
        tables.users = users
        tables.stages = stages
        tables.nextOpportunityNumber = nextOpportunityNumber
        tables.rebuildIndexes()
        return tables
    }
}
