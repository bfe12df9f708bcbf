import Foundation
import DealdeckCore
import GRDB

extension AppDatabase {
    /// How many opportunities the request matches.
    public func count(_ request: OpportunityListRequest) throws(CacheError) -> Int {
        let sql = OpportunityListSQL(request)
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity o WHERE \(sql.whereClause)", arguments: sql.arguments) ?? 0
        }
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
