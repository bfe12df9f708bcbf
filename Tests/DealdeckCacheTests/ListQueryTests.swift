@testable import DealdeckCache
import DealdeckCore
import Foundation
import GRDB
import Testing

@Suite struct ListQueryTests {
    static func seeded() throws -> AppDatabase {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try database.upsert([
            CachedRecord(CacheFixtures.opportunity(1, name: "Acme expansion", stage: "Negotiation/Review", amount: "75000", account: "Acme Corp", owner: "Jane Rep", close: "2025-01-15")),
            CachedRecord(CacheFixtures.opportunity(2, name: "Société Générale pilot", stage: "Prospecting", amount: "12000", account: "Société Générale", owner: "Li Wei", close: "2025-06-01", nextStep: "Send proposal")),
            CachedRecord(CacheFixtures.opportunity(3, name: "商談 Tokyo", stage: "Closed Won", amount: nil, account: nil, owner: "Jane Rep", close: "2024-12-01")),
            CachedRecord(CacheFixtures.opportunity(4, name: "Beta renewal", stage: "Closed Lost", amount: "50000", account: "Beta GmbH", owner: "Omar", close: "2025-02-01")),
        ])
        return database
    }

    func names(_ database: AppDatabase, filter: String = "", sort: String = "close") throws -> [String] {
        let request = OpportunityListRequest(
            scope: .all, filter: try OpportunityFilter(parsing: filter), sort: try OpportunitySort(parsing: sort), today: CacheFixtures.today())
        return try database.opportunities(request).map(\.name)
    }

    @Test func fullTextSearchFindsPrefixesAcrossColumns() throws {
        let database = try Self.seeded()
        #expect(try names(database, filter: "acm") == ["Acme expansion"])
        #expect(try names(database, filter: "societe") == ["Société Générale pilot"])  // diacritics folded
        #expect(try names(database, filter: "jane") == ["商談 Tokyo", "Acme expansion"])  // owner column
        #expect(try names(database, filter: "proposal") == ["Société Générale pilot"])  // next step
        #expect(try names(database, filter: "negotiation") == ["Acme expansion"])  // stage
        #expect(try names(database, filter: "\"quoted\" OR") == [])  // operators stay literal
    }

    @Test func typedTermsFilter() throws {
        let database = try Self.seeded()
        #expect(try names(database, filter: "amount>20000") == ["Acme expansion", "Beta renewal"])
        #expect(try names(database, filter: "status:open") == ["Acme expansion", "Société Générale pilot"])
        #expect(try names(database, filter: "-status:closed owner:li") == ["Société Générale pilot"])
        #expect(try names(database, filter: "close<30d") == ["商談 Tokyo", "Acme expansion"])
        #expect(try names(database, filter: "status:lost") == ["Beta renewal"])
        #expect(try names(database, filter: "name:100%") == [])
    }

    @Test func everyColumnSorts() throws {
        let database = try Self.seeded()
        #expect(try names(database, sort: "amount:desc") == ["Acme expansion", "Beta renewal", "Société Générale pilot", "商談 Tokyo"])
        #expect(try names(database, sort: "name") == ["Acme expansion", "Beta renewal", "Société Générale pilot", "商談 Tokyo"])
        #expect(try names(database, sort: "owner")[0] == "Acme expansion")
        for field in OpportunitySortField.allCases {
            #expect(try names(database, sort: field.rawValue).count == 4)
        }
    }

    @Test func windowsNearTheEndReadBackwardsAndMatchForwardReads() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        // Ties (same account, amount, owner) and NULLs (no account, no amount) in every ordering.
        try database.upsert((1...57).map { number in
            CachedRecord(CacheFixtures.opportunity(
                number, name: "Deal \(number % 9)", amount: number % 4 == 0 ? nil : "\(number % 5 * 1000)",
                account: number % 6 == 0 ? nil : "Account \(number % 3)", close: "2025-0\(number % 9 + 1)-01"))
        })
        for field in OpportunitySortField.allCases {
            for descending in [false, true] {
                let request = OpportunityListRequest(scope: .all, sort: OpportunitySort(field: field, descending: descending), today: CacheFixtures.today())
                let all = try database.opportunities(request).map(\.id)
                #expect(all.count == 57)
                for (offset, limit) in [(0, 10), (20, 10), (30, 10), (47, 10), (50, 10), (55, 10), (57, 10), (40, 100)] {
                    let window = try database.cachedOpportunities(request, offset: offset, limit: limit, total: all.count).map(\.opportunity.id)
                    #expect(window == Array(all[min(offset, all.count)..<min(offset + limit, all.count)]), "\(field) \(descending) \(offset)")
                }
            }
        }
    }

    @Test func textOrderingsFoldCaseAsNOCASEDid() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        // Case-only differences, letters beyond ASCII (which neither NOCASE nor lower() folds),
        // prefixes of each other, and missing accounts.
        let words = ["apple", "Apple", "APPLE pie", "Äpfel", "äpfel", "banana", "Banana", "b", "Zeta", "zeta", "Émile", "émile", "_under", "[x]", "123"]
        try database.upsert(words.enumerated().map { number, word in
            CachedRecord(CacheFixtures.opportunity(
                number + 1, name: word, stage: words[(number * 7) % words.count], account: number % 4 == 0 ? nil : words[(number * 5) % words.count],
                owner: words[(number * 3) % words.count]))
        })
        let columns: [(OpportunitySortField, String)] = [(.name, "name"), (.account, "account_name"), (.stage, "stage_name"), (.owner, "owner_name")]
        for (field, column) in columns {
            for descending in [false, true] {
                let direction = descending ? "DESC" : "ASC"
                let nocase = try database.writer.read { db in
                    try String.fetchAll(
                        db, sql: "SELECT id FROM opportunity WHERE deleted_at IS NULL ORDER BY \(column) COLLATE NOCASE \(direction), rowid \(direction)")
                }
                let request = OpportunityListRequest(scope: .all, sort: OpportunitySort(field: field, descending: descending), today: CacheFixtures.today())
                #expect(try database.opportunities(request).map(\.id.rawValue) == nocase, "\(field) \(direction)")
                let unindexed = OpportunityListSQL(request, plan: .driveByFilter)
                let sorted = try database.writer.read { db in
                    try String.fetchAll(db, sql: "SELECT o.id FROM opportunity o WHERE \(unindexed.whereClause) ORDER BY \(unindexed.orderBy)", arguments: unindexed.arguments)
                }
                #expect(sorted == nocase, "\(field) \(direction), sorted without the index")
            }
        }
    }

    @Test func pagingReadsOnlyTheWindow() throws {
        let database = try Self.seeded()
        let request = OpportunityListRequest(scope: .all, sort: OpportunitySort(field: .name), today: CacheFixtures.today())
        #expect(try database.opportunities(request, offset: 1, limit: 2).map(\.name) == ["Beta renewal", "Société Générale pilot"])
        #expect(try database.count(request) == 4)
    }

    @Test func listOrderingsUseTheirIndexes() throws {
        let database = try Self.seeded()
        for field in OpportunitySortField.allCases {
            let plan = try database.writer.read { db in
                try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT id FROM opportunity o WHERE o.deleted_at IS NULL
                    ORDER BY \(OpportunityListSQL.sortExpression(field)), \(OpportunityListSQL.tieBreak(field)) LIMIT 50
                    """).map { $0["detail"] as String }.joined(separator: " ")
            }
            let index = field == .modified ? "opportunity_on_modstamp" : "opportunity_list_by_"
            #expect(plan.contains("USING INDEX \(index)") && !plan.contains("TEMP B-TREE"), "sorting by \(field.rawValue) sorts in memory: \(plan)")
        }
    }
}
