import DealdeckCore
import Foundation
import GRDB
import Testing

@testable import DealdeckCache

/// Free-text filters read without the full-text index (or with it for the longer words only)
/// find exactly what the index finds, page for page.
@Suite struct TextFilteredPageTests {
    static let names = [
        "Société Générale renewal", "Acme pilot", "ACME Pipeline", "initech Pilot", "Initech pipeline", "naïve café deal",
        "日本 東京 deal", "O'Brien & Sons", "foo-bar baz", "Pied Piper expansion", "Zürich Pilot", "emoji 🚀 launch",
        "x", "Pi day", "pilgrim", "ALPHA beta", "beta alpha", "mixed-Case_word",
    ]

    static func seeded() throws -> AppDatabase {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try database.upsert(
            (1...120).map { number in
                CachedRecord(
                    CacheFixtures.opportunity(
                        number, name: "\(names[number % names.count]) \(number)",
                        stage: number % 5 == 0 ? "Closed Won" : "Prospecting", amount: number % 4 == 0 ? nil : "\(number % 6 * 1000)",
                        account: number % 9 == 0 ? nil : ["Initech", "Acme Corp", "Société Anonyme", "Pied Piper"][number % 4],
                        close: "2025-0\(number % 9 + 1)-1\(number % 10)"))
            })
        return database
    }

    static let filters = [
        "i", "in", "initech p", "initech pil", "pi", "p", "acme -pilot", "societe", "SOCIÉTÉ", "cafe", "東京", "o'brien", "foo-bar",
        "bar baz", "-deal", "alpha beta", "x", "🚀", "amount>2000 pi", "status:open ini", "zzz", "piper expansion", "-p -i",
    ]

    @Test func theMatcherFindsWhatTheFullTextIndexFinds() throws {
        let database = try Self.seeded()
        for text in Self.filters {
            let words = try OpportunityFilter(parsing: text).terms.compactMap { term -> (word: String, negated: Bool)? in
                guard case .text(let word) = term.condition else { return nil }
                return (word, term.negated)
            }
            guard !words.isEmpty else { continue }
            try database.writer.read { db in
                // A word with no tokens (an emoji alone) is the index's to answer.
                guard let matcher = try OpportunityTextMatcher(words: words, in: db) else {
                    #expect(text == "🚀")
                    return
                }
                let statement = try db.makeStatement(sql: "SELECT rowid, \(OpportunityTextMatcher.columns.joined(separator: ", ")) FROM opportunity")
                var byMatcher: Set<Int64> = []
                var ruledOut = 0
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() {
                    let matches = try matcher.matches(row, columns: Array(1...5))
                    if matches { byMatcher.insert(row[0]) }
                    // Token initials never rule out a match.
                    let mayMatch = matcher.mayMatch(try matcher.initials(of: row, columns: Array(1...5)))
                    #expect(mayMatch || !matches, "\(text): initials ruled out a matching row \(row)")
                    if !mayMatch { ruledOut += 1 }
                }
                // …and rule out most rows for a rare letter pair or a one-letter word.
                if ["x", "zzz", "piper expansion", "initech pil"].contains(text) { #expect(ruledOut > 0, "\(text)") }
                let conditions = words.map { word in
                    "\(word.negated ? "NOT " : "")rowid IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH ?)"
                }
                let byIndex = try Set(
                    Int64.fetchAll(
                        db, sql: "SELECT rowid FROM opportunity WHERE \(conditions.joined(separator: " AND "))",
                        arguments: StatementArguments(words.map { OpportunityListSQL.ftsPrefixQuery($0.word) })))
                #expect(byMatcher == byIndex, "\(text): matcher \(byMatcher.count), index \(byIndex.count)")
            }
        }
    }

    @Test func everyWayReadsTheIndexsPage() throws {
        let database = try Self.seeded()
        // Generous budgets walk; tiny ones force the index for the longer words, or give up.
        let budgets = [(2_500, 3_000), (6, 3_000), (6, 6)]
        var decided = 0
        var decidedByTinyBudgets = [0, 0]
        for text in Self.filters {
            let filter = try OpportunityFilter(parsing: text)
            for field in [OpportunitySortField.name, .amount, .closeDate] {
                for descending in [false, true] {
                    let request = OpportunityListRequest(
                        scope: .all, filter: filter, sort: OpportunitySort(field: field, descending: descending), today: CacheFixtures.today())
                    let reference = try database.opportunities(request).map(\.id.rawValue)
                    for (offset, limit) in [(0, 5), (3, 20), (0, 200)] {
                        let expected = Array(reference[min(offset, reference.count)..<min(offset + limit, reference.count)])
                        // Sets remembered by a count, as the UI's count leaves them for the next keystroke: with
                        // tiny budgets they are walked first (the walk could not fill the page), with
                        // the default ones after the walk.
                        let search = SearchMemory(SearchSets(), version: 1)
                        _ = try database.count(request, search: search)
                        for (walk, residual, memory) in budgets.map({ ($0.0, $0.1, nil as SearchMemory?) }) + [(6, 6, search), (2_500, 3_000, search)] {
                            let page = try database.writer.read { db in
                                try AppDatabase.textFilteredPage(
                                    request, offset: offset, limit: limit, in: db, walkBudget: walk, residualBudget: residual, search: memory)
                            }
                            guard let page else { continue }
                            decided += 1
                            if walk == 6 && residual == 6 { decidedByTinyBudgets[memory == nil ? 0 : 1] += 1 }
                            #expect(
                                page.map(\.opportunity.id.rawValue) == expected,
                                "\(text) by \(field) \(descending ? "desc" : "asc") at \(offset) budgets \(walk)/\(residual)")
                        }
                        let read = try database.cachedOpportunities(request, offset: offset, limit: limit).map(\.opportunity.id.rawValue)
                        #expect(read == expected, "\(text) by \(field) at \(offset)")
                    }
                }
            }
        }
        #expect(decided > Self.filters.count * 6 * 3)
        // Remembered sets decide pages the tiny budgets alone give up on.
        #expect(decidedByTinyBudgets[1] > decidedByTinyBudgets[0])
    }

    @Test func aWordWithoutTokensIsLeftToTheIndex() throws {
        let database = try Self.seeded()
        let request = OpportunityListRequest(scope: .all, filter: try OpportunityFilter(parsing: "--"), today: CacheFixtures.today())
        let page = try database.writer.read { db in try AppDatabase.textFilteredPage(request, offset: 0, limit: 10, in: db) }
        #expect(page == nil)
    }
}

@Suite struct SearchSetsTests {
    @Test func setsAreKeptPerDataVersionAndOnlyTheLatestFew() {
        let sets = SearchSets()
        let none = TokenInitials()
        sets.remember([1: none, 2: none], for: "\"acme\"*", version: 1)
        #expect(sets.rows(for: "\"acme\"*", version: 1)?.keys.sorted() == [1, 2])
        #expect(sets.rows(for: "\"acme\"*", version: 2) == nil)
        sets.remember([3: none], for: "\"hooli\"*", version: 2)
        #expect(sets.rows(for: "\"acme\"*", version: 1) == nil)
        for word in ["a1", "a2", "a3", "a4"] { sets.remember([7: none], for: word, version: 2) }
        #expect(sets.rows(for: "\"hooli\"*", version: 2) == nil)
        #expect(sets.rows(for: "a4", version: 2)?.keys.sorted() == [7])
    }
}

/// The prefix-index migration keeps every row searchable and the triggers working.
@Suite struct SearchPrefixMigrationTests {
    @Test func anOlderCacheIsReindexedWithTwoLetterPrefixes() throws {
        let queue = try DatabaseQueue()
        try CacheSchema.migrator.migrate(queue, upTo: "cache-v5-sync-deferred-indexes")
        let insert = """
            INSERT INTO opportunity(id, name, stage_name, close_date, is_closed, is_won, owner_id, created_date, last_modified_date, system_modstamp, synced_at)
            VALUES (?, ?, 'Prospecting', '2025-01-01', 0, 0, '005000000000001AAA', 0, 0, 0, 0)
            """
        try queue.write { db in try db.execute(sql: insert, arguments: ["006000000000001AAA", "Initech pilot"]) }
        try CacheSchema.migrator.migrate(queue)
        try queue.write { db in try db.execute(sql: insert, arguments: ["006000000000002AAA", "Pied Piper renewal"]) }
        try queue.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'opportunity_fts'") ?? ""
            #expect(sql.contains("prefix='2'"))
            let found = try String.fetchAll(
                db,
                sql:
                    "SELECT o.name FROM opportunity o WHERE o.rowid IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH '\"pi\"*') ORDER BY o.name"
            )
            #expect(found == ["Initech pilot", "Pied Piper renewal"])
        }
    }
}
