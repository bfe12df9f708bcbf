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

    private struct CountKey: Hashable {
        var query: ListQuery
        var dataVersion: Int
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

    /// One window of the list. `dataVersion` changes whenever the cache did, which retires
    /// remembered totals.
    func window(_ request: WindowRequest, user: AppUser, dataVersion: Int) throws(CacheError) -> WindowResult {
        let listRequest = Self.request(request.query, user: user)
        // The order does not change how many rows match: re-sorting never counts again.
        var counted = request.query
        counted.sort = .default
        let key = CountKey(query: counted, dataVersion: dataVersion)
        let total: Int
        if let known = totals.withLock({ $0[key] }) {
            total = known
        } else {
            total = try database.count(listRequest)
            totals.withLock { totals in
                totals = totals.filter { $0.key.dataVersion == dataVersion }
                totals[key] = total
            }
        }
        let opportunities = try database.opportunities(listRequest, offset: request.offset, limit: request.limit, total: total)
        var rows: [ListRow] = []
        rows.reserveCapacity(opportunities.count)
        for opportunity in opportunities {
            rows.append(ListRow(opportunity: opportunity, syncedAt: try database.opportunity(id: opportunity.id)?.syncedAt))
        }
        return WindowResult(window: ListWindow(query: request.query, offset: request.offset, rows: rows), total: total)
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
