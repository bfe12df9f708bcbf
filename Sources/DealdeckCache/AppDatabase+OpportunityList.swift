import Foundation
import DealdeckCore
import GRDB

extension AppDatabase {
    /// How many opportunities the request matches.
    public func count(_ request: OpportunityListRequest) throws(CacheError) -> Int {
        let sql = OpportunityListSQL(request, forCount: true)
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity o WHERE \(sql.whereClause)", arguments: sql.arguments) ?? 0
        }
    }

    /// One page of a list of `total` rows, read from whichever end of the ordering is nearer.
    ///
    /// Why: SQLite steps over every row before an OFFSET, so the last page of a million rows
    /// read forwards walks the whole index (G took 120 ms), while read backwards, in the exact
    /// reverse order (the ID breaks every tie, NULLs flip ends with the direction), it costs
    /// what the first page costs.
    public func opportunities(_ request: OpportunityListRequest, offset: Int, limit: Int, total: Int) throws(CacheError) -> [Opportunity] {
        let start = max(0, offset)
        let count = max(0, min(limit, total - start))
        let fromEnd = total - start - count
        guard count > 0, fromEnd < start else { return try opportunities(request, offset: start, limit: limit) }
        var backwards = request
        backwards.sort.descending.toggle()
        return try opportunities(backwards, offset: fromEnd, limit: count).reversed()
    }

    /// One page of the list: only these rows are read from disk.
    public func opportunities(_ request: OpportunityListRequest, offset: Int = 0, limit: Int = Int.max) throws(CacheError) -> [Opportunity] {
        let sql = OpportunityListSQL(request)
        let columns = OpportunityColumns.selectList.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return try read { db in
            let limitClause = limit == Int.max ? "LIMIT -1" : "LIMIT \(max(0, limit))"
            return try Row.fetchAll(
                db,
                sql: "SELECT \(columns) FROM opportunity o WHERE \(sql.whereClause) ORDER BY \(sql.orderBy) \(limitClause) OFFSET \(max(0, offset))",
                arguments: sql.arguments
            ).map(OpportunityColumns.opportunity(from:))
        }
    }
}
