import DealdeckCore
import Foundation
import GRDB
import Testing
@testable import DealdeckCache

/// A filtered page reads the same rows whichever plan the cache picks: walking the ordering or
/// driving through the filter's index, for every ordering and both directions.
@Suite struct ListPlanTests {
    static func seeded() throws -> AppDatabase {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try database.upsert((1...80).map { number in
            CachedRecord(CacheFixtures.opportunity(
                number, name: "Deal \(number % 7) \(["alpha", "Beta", "gamma"][number % 3])",
                stage: number % 5 == 0 ? "Closed Won" : "Prospecting", amount: number % 4 == 0 ? nil : "\(number % 6 * 1000)",
                account: number % 9 == 0 ? nil : "Account \(number % 4)", close: "2025-0\(number % 9 + 1)-1\(number % 10)"))
        })
        return database
    }

    static func page(_ database: AppDatabase, _ request: OpportunityListRequest, plan: OpportunityListSQL.Plan, offset: Int, limit: Int) throws -> [String] {
        let sql = OpportunityListSQL(request, plan: plan)
        return try database.writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT o.id FROM opportunity o WHERE \(sql.whereClause) ORDER BY \(sql.orderBy) LIMIT \(limit) OFFSET \(offset)",
                arguments: sql.arguments)
        }
    }

    @Test func bothPlansReadTheSameRows() throws {
        let database = try Self.seeded()
        let filters = ["deal", "be", "deal 3", "-gamma", "amount>2000", "amount<=3000 alp", "close<2025-05-01", "prob>5 -deal", "status:open account:acc", "-status:won b"]
        for text in filters {
            let filter = try OpportunityFilter(parsing: text)
            for field in OpportunitySortField.allCases {
                for descending in [false, true] {
                    let request = OpportunityListRequest(scope: .all, filter: filter, sort: OpportunitySort(field: field, descending: descending), today: CacheFixtures.today())
                    let reference = try database.opportunities(request).map(\.id.rawValue)
                    #expect(reference.count == (try database.count(request)), "\(text)")
                    for plan in [OpportunityListSQL.Plan.walkOrdering, .driveByFilter, .sqliteChooses] {
                        for (offset, limit) in [(0, 10), (7, 25), (30, 100)] {
                            let rows = try Self.page(database, request, plan: plan, offset: offset, limit: limit)
                            let expected = Array(reference[min(offset, reference.count)..<min(offset + limit, reference.count)])
                            #expect(rows == expected, "\(text) by \(field) \(descending ? "desc" : "asc") \(plan) at \(offset)")
                        }
                    }
                }
            }
        }
    }

    @Test func theStatementsSayThePlan() throws {
        let database = try Self.seeded()
        let request = OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: "amount>2000"), sort: OpportunitySort(field: .closeDate), today: CacheFixtures.today())
        func queryPlan(_ plan: OpportunityListSQL.Plan) throws -> String {
            let sql = OpportunityListSQL(request, plan: plan)
            return try database.writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT o.id FROM opportunity o WHERE \(sql.whereClause) ORDER BY \(sql.orderBy) LIMIT 10", arguments: sql.arguments)
                    .map { $0["detail"] as String }.joined(separator: " ")
            }
        }
        let walk = try queryPlan(.walkOrdering)
        #expect(walk.contains("opportunity_list_by_close") && !walk.contains("TEMP B-TREE"), "\(walk)")
        let drive = try queryPlan(.driveByFilter)
        #expect(drive.contains("opportunity_list_by_amount") && drive.contains("TEMP B-TREE"), "\(drive)")
    }

    @Test func aFewMatchesDriveAndManyWalk() throws {
        let database = try Self.seeded()
        let few = OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: "amount>4000"), today: CacheFixtures.today())
        #expect(try database.writer.read { db in try AppDatabase.plan(for: few, in: db) } == .driveByFilter)
        let many = OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: "deal"), today: CacheFixtures.today())
        #expect(try database.writer.read { db in try AppDatabase.plan(for: many, in: db, broad: 50) } == .walkOrdering)
        #expect(try database.writer.read { db in try AppDatabase.plan(for: few, in: db, broad: 50) } == .driveByFilter)
        let none = OpportunityListRequest(scope: .all, today: CacheFixtures.today())
        #expect(try database.writer.read { db in try AppDatabase.plan(for: none, in: db) } == .sqliteChooses)
    }
}
