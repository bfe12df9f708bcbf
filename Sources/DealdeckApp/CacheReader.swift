import DealdeckCache
import DealdeckCore
import Synchronization
import TerminalUI

/// Reads what the screen shows from the cache, off the main actor: a window of rows with the
/// query's total, one record with its members, and the sync state. Totals are remembered per
/// query until the data changes, so scrolling a million rows never counts them again.
final class CacheReader: Sendable {
    let database: AppDatabase
    private let totals = Mutex<[CountKey: Int]>([:])
    private let searchSets = SearchSets()

    private struct CountKey: Hashable {
        var query: ListQuery
        var dataVersion: Int

        /// The order does not change how many rows match: re-sorting never counts again.
        init(_ query: ListQuery, dataVersion: Int) {
            var counted = query
            counted.sort = .default
            self.query = counted
            self.dataVersion = dataVersion
        }
    }

    init(database: AppDatabase) {
        self.database = database
    }

    /// The cache request for a list query, as the given user sees it.
    static func request(_ query: ListQuery, user: AppUser) -> OpportunityListRequest {
        let scope: OpportunityListRequest.Scope = query.tab == .all && user.isAdmin
            ? .all
            : .assigned(loginName: user.loginName, salesforceUserId: user.salesforceUserId)
        return OpportunityListRequest(scope: scope, filter: query.filter, sort: query.sort, today: query.today)
    }

    /// One window of the list, with the query's total when it was counted since the cache
    /// last changed (`dataVersion`); otherwise the reducer asks for `count` separately, so
    /// rows show without waiting for a count over a million of them.
    func window(_ request: WindowRequest, user: AppUser, dataVersion: Int) throws(CacheError) -> WindowResult {
        let listRequest = Self.request(request.query, user: user)
        let total = totals.withLock { $0[CountKey(request.query, dataVersion: dataVersion)] }
        let search = SearchMemory(searchSets, version: dataVersion)
        let opportunities = if let total {
            try database.cachedOpportunities(listRequest, offset: request.offset, limit: request.limit, total: total, search: search)
        } else {
            try database.cachedOpportunities(listRequest, offset: request.offset, limit: request.limit, search: search)
        }
        let rows = opportunities.map { ListRow(opportunity: $0.opportunity, syncedAt: $0.syncedAt) }
        return WindowResult(window: ListWindow(query: request.query, offset: request.offset, rows: rows), total: total, limit: request.limit)
    }

    /// How many rows a query matches, remembered until the data changes.
    func count(_ query: ListQuery, user: AppUser, dataVersion: Int) throws(CacheError) -> Int {
        let key = CountKey(query, dataVersion: dataVersion)
        if let known = totals.withLock({ $0[key] }) { return known }
        let total = try database.count(Self.request(query, user: user), search: SearchMemory(searchSets, version: dataVersion))
        totals.withLock { totals in
            totals = totals.filter { $0.key.dataVersion == dataVersion }
            totals[key] = total
        }
        return total
    }

    /// One record with its members, or nil when it is gone.
    func detail(_ id: SalesforceID) throws(CacheError) -> OpportunityDetail? {
        guard let cached = try database.opportunity(id: id) else { return nil }
        return OpportunityDetail(
            opportunity: cached.opportunity, members: try database.members(of: id), syncedAt: cached.syncedAt, deletedAt: cached.deletedAt)
    }

    func syncState() throws(CacheError) -> SyncState {
        try database.syncState()
    }
}
