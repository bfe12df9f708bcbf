import DealdeckCore
import Foundation
import GRDB

extension AppDatabase {
    /// How many rows a page with free-text words may read in order, testing each in Swift,
    /// before another way is tried. Common words fill a screen within a few hundred rows.
    static let textWalkBudget = 2_500
    /// How many rows the full-text index may hand over for the remaining words to be tested in
    /// Swift before the index is asked for every word instead.
    static let residualBudget = 3_000

    /// A page of a list filtered by free-text words without asking the full-text index for
    /// short words, or nil when the ways below did not decide it within their budgets (the
    /// caller then asks the index for every word).
    ///
    /// Why: the index answers a word by building the set of every row it matches, and a one- or
    /// two-letter prefix (`i`, `initech p`) means merging the row lists of thousands of words:
    /// 40–200 ms over a million rows however few rows the screen needs. So:
    /// 1. walk the ordering (other conditions in SQL) and test every word on each row with
    ///    `OpportunityTextMatcher`: cheap exactly when the words are common;
    /// 2. otherwise, when a count remembered the row set of one of the longer words (`search`,
    ///    see `SearchSets`), walk the ordering's index and read only the rows in that set;
    /// 3. otherwise let the index find the rows of the longer words only (cheap: few words
    ///    share a long prefix) and test the short ones on the rows it returns, in order.
    static func textFilteredPage(
        _ request: OpportunityListRequest, offset: Int, limit: Int, in db: Database,
        walkBudget: Int = textWalkBudget, residualBudget: Int = residualBudget, search: SearchMemory? = nil
    ) throws -> [CachedOpportunity]? {
        let words = request.filter.terms.compactMap { term -> (word: String, negated: Bool)? in
            guard case .text(let word) = term.condition else { return nil }
            return (word, term.negated)
        }
        let needed = offset + limit
        guard !words.isEmpty, offset >= 0, limit > 0, limit != Int.max, needed <= max(walkBudget, residualBudget),
            let matcher = try OpportunityTextMatcher(words: words, in: db)
        else { return nil }
        var rest = request
        rest.filter.terms.removeAll { term in
            if case .text = term.condition { return true }
            return false
        }
        let walk = OpportunityListSQL(rest, plan: rest.filter.isEmpty ? .sqliteChooses : .walkOrdering)
        let walked = try testedPage(where: walk, budget: walkBudget, offset: offset, limit: limit, matcher: matcher, in: db)
        if let page = walked.page { return page }
        // The index takes the words it finds cheaply and that the walk found in at most half the
        // rows (`owner` in every "Owner 13" costs the index a million-entry list); the rest, and
        // every negated word, are tested on what it returns.
        var long: [OpportunityFilter.Term] = []
        for (index, word) in words.enumerated() where !word.negated && matcher.isSelective(word.word) {
            if let share = matcher.share(ofWordAt: index), share > 0.5 { continue }
            long.append(OpportunityFilter.Term(.text(word.word)))
        }
        guard !long.isEmpty else { return nil }
        // A longer word whose rows a count (or an earlier keystroke) remembered: walk and read
        // only those of its rows whose token initials allow the other words.
        if let search {
            let remembered = long.compactMap { term -> [Int64: TokenInitials]? in
                guard case .text(let word) = term.condition else { return nil }
                return search.sets.rows(for: OpportunityListSQL.ftsPrefixQuery(word), version: search.version)
            }
            if let smallest = remembered.min(by: { $0.count < $1.count }),
                let page = try setWalkPage(smallest, walk: walk, offset: offset, limit: limit, matcher: matcher, in: db)
            {
                return page
            }
        }
        var narrowed = rest
        narrowed.filter.terms += long
        // The walk's matches estimate how many rows the longer words keep (at least as many):
        // enough to know the filter is broad without asking the index twice.
        let rows = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM opportunity") ?? 0
        let broad = walked.matched > 0 && walked.read > 0 && walked.matched * Int(rows) / walked.read >= broadMatches(for: narrowed)
        let residual = OpportunityListSQL(narrowed, plan: broad ? .walkOrdering : try plan(for: narrowed, in: db))
        return try testedPage(where: residual, budget: residualBudget, offset: offset, limit: limit, matcher: matcher, in: db).page
    }

    /// How many ordering entries the walk over a remembered set may step (index entries only,
    /// when no other condition needs the row: a fifth of a microsecond each).
    static let setWalkBudget = 100_000

    /// Walks the ordering's rowids (`walk`: the list without its free-text words), reads (a
    /// batch at a time) only the rows in `set` whose token initials do not rule them out, and
    /// tests them; nil when `setWalkBudget` entries did not fill the page.
    private static func setWalkPage(
        _ set: [Int64: TokenInitials], walk: OpportunityListSQL, offset: Int, limit: Int, matcher: OpportunityTextMatcher, in db: Database
    ) throws -> [CachedOpportunity]? {
        let rowids = try Int64.fetchCursor(
            db, sql: "SELECT o.rowid FROM opportunity o WHERE \(walk.whereClause) ORDER BY \(walk.orderBy) LIMIT \(setWalkBudget)",
            arguments: walk.arguments)
        var stepped = 0
        var skipped = 0
        var page: [CachedOpportunity] = []
        var batch: [Int64] = []
        func readBatch() throws {
            defer { batch.removeAll(keepingCapacity: true) }
            let statement = try db.makeStatement(
                sql:
                    "SELECT o.rowid AS walked_rowid, \(listColumns), o.deleted_at, o.synced_at FROM opportunity o WHERE o.rowid IN (\(databaseQuestionMarks(count: batch.count)))"
            )
            let textColumns = OpportunityTextMatcher.columns.compactMap { name in statement.columnNames.firstIndex(of: name) }
            var rows: [Int64: Row] = [:]
            let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(batch))
            while let row = try cursor.next() { rows[row["walked_rowid"]] = row.copy() }
            for rowid in batch where page.count < limit {
                guard let row = rows[rowid], try matcher.matches(row, columns: textColumns) else { continue }
                if skipped < offset {
                    skipped += 1
                } else {
                    page.append(try OpportunityColumns.cachedOpportunity(from: row))
                }
            }
        }
        while page.count < limit, let rowid = try rowids.next() {
            stepped += 1
            guard let initials = set[rowid], matcher.mayMatch(initials) else { continue }
            batch.append(rowid)
            // Small batches first (the page may need few more rows), larger once it clearly does not.
            if batch.count >= max(8, min(64, limit - page.count)) { try readBatch() }
        }
        if !batch.isEmpty && page.count < limit { try readBatch() }
        return page.count < limit && stepped == setWalkBudget ? nil : page
    }

    /// Builds and remembers the row set of each longer positive free-text word of `request`
    /// not remembered yet, with each row's token initials (sets above `SearchSets.largestSet`
    /// are not kept). Reading the rows' text costs the count some 0.1–0.3 s for a word in
    /// 50,000 of a million rows (in rowid order, so near-sequential), once per word and data
    /// version, off the keystroke's path.
    static func rememberWordSets(of request: OpportunityListRequest, in db: Database, search: SearchMemory) throws {
        let tokenizer = try db.makeTokenizer(OpportunityTextMatcher.tokenizer)
        let queries = request.filter.terms.compactMap { term -> (word: String, query: String)? in
            guard !term.negated, case .text(let word) = term.condition else { return nil }
            return (word, OpportunityListSQL.ftsPrefixQuery(word))
        }
        // A page walks only the smallest set of its words, so a set no smaller than one already
        // remembered for another of the words is not worth building.
        var smallest = queries.compactMap { search.sets.rows(for: $0.query, version: search.version)?.count }.min() ?? Int.max
        for (word, query) in queries {
            guard search.sets.rows(for: query, version: search.version) == nil,
                OpportunityTextMatcher.isSelective(word, tokenizer: tokenizer)
            else { continue }
            // Counted first (index entries only) so a set that will not be kept never reads text.
            let count = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM opportunity_fts WHERE opportunity_fts MATCH ? LIMIT \(SearchSets.largestSet + 1))",
                arguments: [query]) ?? 0
            guard count <= SearchSets.largestSet, count < smallest,
                let matcher = try OpportunityTextMatcher(words: [(word, false)], in: db)
            else { continue }
            smallest = count
            let statement = try db.makeStatement(
                sql: """
                    SELECT o.rowid, \(OpportunityTextMatcher.columns.map { "o." + $0 }.joined(separator: ", ")) FROM opportunity o
                    WHERE o.rowid IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH ?)
                    """)
            let textColumns = Array(1...OpportunityTextMatcher.columns.count)
            var rows: [Int64: TokenInitials] = [:]
            rows.reserveCapacity(count)
            let cursor = try Row.fetchCursor(statement, arguments: [query])
            while let row = try cursor.next() { rows[row[0]] = try matcher.initials(of: row, columns: textColumns) }
            search.sets.remember(rows, for: query, version: search.version)
        }
    }

    /// Reads rows in the list's order (at most `budget`), keeps those `matcher` accepts, and
    /// returns the page (nil when the budget ran out first) with how many rows it read and
    /// how many of them matched.
    private static func testedPage(
        where sql: OpportunityListSQL, budget: Int, offset: Int, limit: Int, matcher: OpportunityTextMatcher, in db: Database
    ) throws -> (page: [CachedOpportunity]?, read: Int, matched: Int) {
        let statement = try db.makeStatement(
            sql:
                "SELECT \(listColumns), o.deleted_at, o.synced_at FROM opportunity o WHERE \(sql.whereClause) ORDER BY \(sql.orderBy) LIMIT \(budget)"
        )
        let textColumns = OpportunityTextMatcher.columns.compactMap { name in statement.columnNames.firstIndex(of: name) }
        guard textColumns.count == OpportunityTextMatcher.columns.count else { return (nil, 0, 0) }
        let rows = try Row.fetchCursor(statement, arguments: sql.arguments)
        let needed = offset + limit
        var read = 0
        var skipped = 0
        var page: [CachedOpportunity] = []
        while page.count < limit, let row = try rows.next() {
            read += 1
            if read >= 256, read % 64 == 0, (skipped + page.count + 1) * budget / read < needed {
                // At this rate the whole budget would not find the rows needed: give up now
                // rather than after the budget.
                return (nil, read, skipped + page.count)
            }
            guard try matcher.matches(row, columns: textColumns) else { continue }
            if skipped < offset {
                skipped += 1
            } else {
                page.append(try OpportunityColumns.cachedOpportunity(from: row))
            }
        }
        return (page.count < limit && read == budget ? nil : page, read, skipped + page.count)
    }
}
