import Foundation
import DealdeckCore
import GRDB

extension AppDatabase {
    /// How many opportunities the request matches; with `search`, also remembers the row set
    /// of each of its longer free-text words for the next keystrokes (see `SearchSets`).
    public func count(_ request: OpportunityListRequest, search: SearchMemory? = nil) throws(CacheError) -> Int {
        let sql = OpportunityListSQL(request, forCount: true)
        return try read { db in
            if let search { try Self.rememberWordSets(of: request, in: db, search: search) }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity o WHERE \(sql.whereClause)", arguments: sql.arguments) ?? 0
        }
    }

    /// One page of a list of `total` rows, read from whichever end of the ordering is nearer.
    ///
    /// Why: SQLite steps over every row before an OFFSET, so the last page of a million rows
    /// read forwards walks the whole index (G took 120 ms), while read backwards, in the exact
    /// reverse order (the ID breaks every tie, NULLs flip ends with the direction), it costs
    /// what the first page costs.
    public func cachedOpportunities(
        _ request: OpportunityListRequest, offset: Int, limit: Int, total: Int, search: SearchMemory? = nil
    ) throws(CacheError) -> [CachedOpportunity] {
        let start = max(0, offset)
        let count = max(0, min(limit, total - start))
        let fromEnd = total - start - count
        guard count > 0, fromEnd < start else { return try cachedOpportunities(request, offset: start, limit: limit, search: search) }
        var backwards = request
        backwards.sort.descending.toggle()
        return try cachedOpportunities(backwards, offset: fromEnd, limit: count, search: search).reversed()
    }

    /// One page of the list: only these rows are read from disk.
    public func opportunities(_ request: OpportunityListRequest, offset: Int = 0, limit: Int = Int.max) throws(CacheError) -> [Opportunity] {
        try cachedOpportunities(request, offset: offset, limit: limit).map(\.opportunity)
    }

    /// One page of the list with each row's sync bookkeeping, in one statement (a lookup per
    /// row for its sync time cost the UI a millisecond per ten rows).
    public func cachedOpportunities(
        _ request: OpportunityListRequest, offset: Int = 0, limit: Int = Int.max, search: SearchMemory? = nil
    ) throws(CacheError) -> [CachedOpportunity] {
        try read { db in
            if let page = try Self.textFilteredPage(request, offset: offset, limit: limit, in: db, search: search) { return page }
            let sql = OpportunityListSQL(request, plan: try Self.plan(for: request, in: db))
            let limitClause = limit == Int.max ? "LIMIT -1" : "LIMIT \(max(0, limit))"
            return try Row.fetchAll(
                db,
                sql: "SELECT \(Self.listColumns), o.deleted_at, o.synced_at FROM opportunity o WHERE \(sql.whereClause) ORDER BY \(sql.orderBy) \(limitClause) OFFSET \(max(0, offset))",
                arguments: sql.arguments
            ).map(OpportunityColumns.cachedOpportunity(from:))
        }
    }

    /// How many matches make a filter "broad". Below it, fetching every match and sorting costs
    /// at most this many row reads; above it, a walk down the ordering meets a screenful of
    /// matches within (screenful × rows ÷ this) rows: both a few milliseconds at a million.
    static let broadFilterMatches = 10_000

    /// The same for a list of every row filtered by free-text words alone: walking its ordering
    /// tests each index entry's rowid against the words' set without reading the row, so the
    /// walk is cheap and reading every match to sort them is the dearer way much sooner.
    static let broadWordMatches = 1_000

    /// How many matches make this request's filter broad (see `broadWordMatches`).
    static func broadMatches(for request: OpportunityListRequest) -> Int {
        let walksIndexOnly = request.scope == .all && request.filter.terms.allSatisfy { term in
            if !term.negated, case .text = term.condition { return true }
            return false
        }
        return walksIndexOnly ? broadWordMatches : broadFilterMatches
    }

    /// Chooses how to read a filtered page by counting matches up to `broadFilterMatches`: a
    /// bounded count, cheap either way (free-text words are probed in the full-text index alone,
    /// which streams; the rows-table form would first collect every match).
    static func plan(for request: OpportunityListRequest, in db: Database, broad: Int? = nil) throws -> OpportunityListSQL.Plan {
        guard !request.filter.isEmpty else { return .sqliteChooses }
        let broad = broad ?? broadMatches(for: request)
        let probe = OpportunityListSQL(request)
        let matches: Int
        if let textMatch = probe.textMatch {
            matches = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM opportunity_fts WHERE opportunity_fts MATCH ? LIMIT \(broad))",
                arguments: [textMatch]) ?? 0
        } else {
            matches = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM opportunity o WHERE \(probe.whereClause) LIMIT \(broad))",
                arguments: probe.arguments) ?? 0
        }
        return matches < broad ? .driveByFilter : .walkOrdering
    }

    static let listColumns = OpportunityColumns.selectList.split(separator: ",")
        .map { "o." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", ")
}
