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
    /// 2. otherwise let the index find the rows of the longer words only (cheap: few words
    ///    share a long prefix) and test the short ones on the rows it returns, in order.
    static func textFilteredPage(
        _ request: OpportunityListRequest, offset: Int, limit: Int, in db: Database,
        walkBudget: Int = textWalkBudget, residualBudget: Int = residualBudget
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
        var narrowed = rest
        narrowed.filter.terms += long
        // The walk's matches estimate how many rows the longer words keep (at least as many):
        // enough to know the filter is broad without asking the index twice.
        let rows = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM opportunity") ?? 0
        let broad = walked.matched > 0 && walked.read > 0 && walked.matched * Int(rows) / walked.read >= broadMatches(for: narrowed)
        let residual = OpportunityListSQL(narrowed, plan: broad ? .walkOrdering : try plan(for: narrowed, in: db))
        return try testedPage(where: residual, budget: residualBudget, offset: offset, limit: limit, matcher: matcher, in: db).page
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
