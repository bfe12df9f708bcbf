import DealdeckCore

/// The org's records at one moment: the value `OrgStore` guards and hands out as snapshots.
///
/// Copy-on-write arrays make a snapshot O(1): a query cursor keeps the values it saw while
/// later writes copy the table they change.
public struct OrgTables: Sendable {
    /// Live opportunities and the recycle bin, in creation order.
    public internal(set) var opportunities: [OpportunityRecord] = []
    public internal(set) var accounts: [AccountRecord] = []
    public internal(set) var users: [UserRecord] = []
    public internal(set) var stages: [OpportunityStageRecord] = []
    var opportunityIndex: [SalesforceID: Int] = [:]
    var accountIndex: [SalesforceID: Int] = [:]
    var userIndex: [SalesforceID: Int] = [:]
    /// Deleted opportunities by deletion time, so the purge check need not scan the table.
    var recycleBin: [SalesforceID: SalesforceTimestamp] = [:]
    /// The oldest deletion time in the recycle bin, so the lazy purge check is O(1).
    var oldestDeletion: SalesforceTimestamp?
    /// Bumped by every write, so caches derived from a snapshot know when they are stale.
    public internal(set) var version: Int = 0
    /// Numbers the next minted opportunity ID.
    var nextOpportunityNumber: Int = 1
    /// What `/deleted/` reports as `earliestDateAvailable`: the org's start, then the deletion
    /// time of the newest record purged from the recycle bin.
    var earliestDeletedDateAvailable: SalesforceTimestamp

    init(earliestDeletedDateAvailable: SalesforceTimestamp) {
        self.earliestDeletedDateAvailable = earliestDeletedDateAvailable
    }

    public func opportunity(_ id: SalesforceID) -> OpportunityRecord? {
        opportunityIndex[id].map { opportunities[$0] }
    }

    public func account(_ id: SalesforceID) -> AccountRecord? {
        accountIndex[id].map { accounts[$0] }
    }

    public func user(_ id: SalesforceID) -> UserRecord? {
        userIndex[id].map { users[$0] }
    }

    /// Any record by type and ID (stages are few, so they are searched).
    public func record(of type: SObjectType, id: SalesforceID) -> (any SObjectRecord)? {
        switch type {
        case .opportunity: return opportunity(id)
        case .account: return account(id)
        case .user: return user(id)
        case .opportunityStage: return stages.first { $0.id == id }
        }
    }

    /// Every record of a type, deleted ones included (callers filter on IsDeleted).
    public func records(of type: SObjectType) -> [any SObjectRecord] {
        switch type {
        case .opportunity: return opportunities
        case .account: return accounts
        case .user: return users
        case .opportunityStage: return stages
        }
    }

    /// This snapshot without the opportunity table: what a query cursor keeps to resolve
    /// parents (`Account.Name`, `Owner.Email`) without pinning the largest table, so writes
    /// after the query do not have to copy it.
    public var parentsOnly: OrgTables {
        var copy = self
        copy.opportunities = []
        copy.opportunityIndex = [:]
        copy.recycleBin = [:]
        return copy
    }

    mutating func rebuildIndexes() {
        opportunityIndex = Dictionary(uniqueKeysWithValues: opportunities.enumerated().map { ($1.id, $0) })
        accountIndex = Dictionary(uniqueKeysWithValues: accounts.enumerated().map { ($1.id, $0) })
        userIndex = Dictionary(uniqueKeysWithValues: users.enumerated().map { ($1.id, $0) })
        recycleBin = [:]
        for record in opportunities where record.isDeleted {
            recycleBin[record.id] = record.deletedDate ?? record.systemModstamp
        }
        oldestDeletion = recycleBin.values.min()
    }

    mutating func appendOpportunity(_ record: OpportunityRecord) {
        opportunityIndex[record.id] = opportunities.count
        opportunities.append(record)
    }
}
