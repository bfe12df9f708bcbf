import Foundation
import DealdeckCore
import GRDB

/// Builds the SQL for an `OpportunityListRequest`: a WHERE clause over live rows and an
/// ORDER BY that matches one of the list indexes, so only the visible page is read.
struct OpportunityListSQL {
    var whereClause: String
    var arguments: StatementArguments
    var orderBy: String
    /// The positive free-text words as one FTS5 query (`"acme"* AND "pil"*`), if any.
    var textMatch: String?

    /// How a filtered page is read. SQLite has no statistics on how many rows a filter keeps
    /// (its build lacks STAT4), so it guesses, and over a million rows a wrong guess costs
    /// seconds: walking the ordering index for `amount>400000` visits every row when few
    /// match; fetching all 287,000 rows a one-letter word matches and sorting them takes half a
    /// second when the first screenful lies in the first thousand rows of the ordering. The
    /// cache measures instead (`AppDatabase.plan`) and states the plan with unary `+`, which
    /// keeps an expression from using an index.
    enum Plan {
        /// Let SQLite choose (counts, unfiltered lists).
        case sqliteChooses
        /// Walk the ordering's index and test each row: for filters many rows pass.
        case walkOrdering
        /// Find the matching rows through the filter's index, then sort them: for filters few pass.
        case driveByFilter
    }

    /// `forCount`: the same rows, phrased for `COUNT(*)`.
    ///
    /// Why two phrasings of "assigned to me": a page walks an ordering index and tests each
    /// row against `membership OR owner`, stopping after a screenful (under a millisecond over a
    /// million rows); a count has no ordering to stop early, and the OR makes SQLite test every
    /// row (250 ms), while the union of the owner index and the memberships is counted from
    /// the indexes alone (80 ms).
    init(_ request: OpportunityListRequest, forCount: Bool = false, plan: Plan = .sqliteChooses) {
        var conditions = ["o.deleted_at IS NULL"]
        var arguments = StatementArguments()
        switch request.scope {
        case .all:
            break
        case .assigned(let loginName, let salesforceUserId):
            let members = "SELECT opportunity_id FROM app.membership WHERE user_login_name = ?"
            if let salesforceUserId, forCount {
                conditions.append(
                    "o.rowid IN (SELECT rowid FROM opportunity WHERE owner_id = ? AND deleted_at IS NULL"
                        + " UNION SELECT rowid FROM opportunity WHERE id IN (\(members)))")
                _ = arguments.append(contentsOf: [salesforceUserId.rawValue, loginName])
            } else if let salesforceUserId {
                conditions.append("(o.id IN (\(members)) OR o.owner_id = ?)")
                _ = arguments.append(contentsOf: [loginName, salesforceUserId.rawValue])
            } else {
                conditions.append("o.id IN (\(members))")
                _ = arguments.append(contentsOf: [loginName])
            }
        }
        // `+` on a filter column keeps SQLite from driving the read through that column's index.
        let unindexed = plan == .walkOrdering ? "+" : ""
        let words = request.filter.terms.compactMap { term -> String? in
            guard !term.negated, case .text(let word) = term.condition else { return nil }
            return Self.ftsPrefixQuery(word)
        }
        textMatch = words.isEmpty ? nil : words.joined(separator: " AND ")
        if let textMatch {
            conditions.append("\(unindexed)o.rowid IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH ?)")
            _ = arguments.append(contentsOf: [textMatch])
        }
        for term in request.filter.terms {
            if !term.negated, case .text = term.condition { continue }
            let (sql, values) = Self.condition(term.condition, today: request.today, unindexed: unindexed)
            conditions.append(term.negated ? "NOT (\(sql))" : sql)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        whereClause = conditions.joined(separator: " AND ")
        self.arguments = arguments
        let direction = request.sort.descending ? "DESC" : "ASC"
        let sort = plan == .driveByFilter ? Self.unindexedSortExpression(request.sort.field) : Self.sortExpression(request.sort.field)
        orderBy = "\(sort) \(direction), \(Self.tieBreak(request.sort.field)) \(direction)"
    }

    /// What orders rows with equal sort values, as the ordering's index does (see
    /// `CacheSchema.listIndexes`): the rowid, which every index entry holds; by modification
    /// time, the id of the sync's cursor index that this ordering walks.
    static func tieBreak(_ field: OpportunitySortField) -> String {
        field == .modified ? "o.id" : "o.rowid"
    }

    /// The same order as `sortExpression`, phrased so no index provides it.
    static func unindexedSortExpression(_ field: OpportunitySortField) -> String {
        sortExpression(field, columnsOf: "+o.")
    }

    /// The expression a list is ordered by, over the columns named with `qualifier` in front:
    /// `o.` matches the ordering's index (`CacheSchema.listIndexes` is this expression over
    /// bare column names), `+o.` keeps SQLite from using it.
    static func sortExpression(_ field: OpportunitySortField, columnsOf qualifier: String = "o.") -> String {
        switch field {
        case .name: return "lower(\(qualifier)name)"
        case .account: return "ifnull(lower(\(qualifier)account_name), '')"
        case .stage: return "lower(\(qualifier)stage_name)"
        case .amount: return "\(qualifier)amount_cents"
        case .closeDate: return "\(qualifier)close_date"
        case .probability: return "CAST(\(qualifier)probability AS REAL)"
        case .owner: return "ifnull(lower(\(qualifier)owner_name), '')"
        case .modified: return "\(qualifier)system_modstamp"
        case .created: return "\(qualifier)created_date"
        }
    }

    private static func condition(
        _ condition: OpportunityFilter.Condition, today: CalendarDate, unindexed: String
    ) -> (String, [any DatabaseValueConvertible]) {
        switch condition {
        case .text(let word):
            return ("\(unindexed)o.rowid IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH ?)", [ftsPrefixQuery(word)])
        case .contains(let field, let value):
            return ("\(column(field)) LIKE ? ESCAPE '\\'", ["%" + escapeLike(value) + "%"])
        case .amount(let comparison, let amount):
            return ("\(unindexed)o.amount_cents \(comparison.rawValue) ?", [Money.cents(of: amount)])
        case .probability(let comparison, let value):
            return ("\(unindexed)CAST(o.probability AS REAL) \(comparison.rawValue) ?", [NSDecimalNumberBridge.double(value)])
        case .closeDate(let comparison, let operand):
            return ("\(unindexed)o.close_date \(comparison.rawValue) ?", [operand.resolved(today: today).description])
        case .status(let status):
            switch status {
            case .open: return ("o.is_closed = 0", [])
            case .closed: return ("o.is_closed = 1", [])
            case .won: return ("o.is_won = 1", [])
            case .lost: return ("(o.is_closed = 1 AND o.is_won = 0)", [])
            }
        }
    }

    private static func column(_ field: OpportunityFilter.TextField) -> String {
        switch field {
        case .stage: return "o.stage_name"
        case .owner: return "o.owner_name"
        case .account: return "o.account_name"
        case .name: return "o.name"
        case .type: return "o.type"
        case .leadSource: return "o.lead_source"
        case .nextStep: return "o.next_step"
        }
    }

    /// A word as an FTS5 prefix query: quoted (so operators and punctuation are literal) and
    /// starred, so "acm" finds "Acme".
    static func ftsPrefixQuery(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"*"
    }

    private static func escapeLike(_ value: String) -> String {
        var escaped = ""
        for character in value {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}


/// Decimal to Double for SQLite comparisons of percentages (exact for 0–100 with few decimals).
enum NSDecimalNumberBridge {
    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
