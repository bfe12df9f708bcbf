import Foundation
import DealdeckCore
import GRDB

/// Builds the SQL for an `OpportunityListRequest`: a WHERE clause over live rows and an
/// ORDER BY that matches one of the list indexes, so only the visible page is read.
struct OpportunityListSQL {
    var whereClause: String
    var arguments: StatementArguments
    var orderBy: String

    /// `forCount`: the same rows, phrased for `COUNT(*)`.
    ///
    /// Why two phrasings of "assigned to me": a page walks an ordering index and tests each
    /// row against `membership OR owner`, stopping after a screenful (under a millisecond over a
    /// million rows); a count has no ordering to stop early, and the OR makes SQLite test every
    /// row (250 ms), while the union of the owner index and the memberships is counted from
    /// the indexes alone (80 ms).
    init(_ request: OpportunityListRequest, forCount: Bool = false) {
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
        for term in request.filter.terms {
            let (sql, values) = Self.condition(term.condition, today: request.today)
            conditions.append(term.negated ? "NOT (\(sql))" : sql)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        whereClause = conditions.joined(separator: " AND ")
        self.arguments = arguments
        let direction = request.sort.descending ? "DESC" : "ASC"
        orderBy = "\(Self.sortExpression(request.sort.field)) \(direction), o.id \(direction)"
    }

    static func sortExpression(_ field: OpportunitySortField) -> String {
        switch field {
        case .name: return "o.name COLLATE NOCASE"
        case .account: return "o.account_name COLLATE NOCASE"
        case .stage: return "o.stage_name COLLATE NOCASE"
        case .amount: return "o.amount_cents"
        case .closeDate: return "o.close_date"
        case .probability: return "CAST(o.probability AS REAL)"
        case .owner: return "o.owner_name COLLATE NOCASE"
        case .modified: return "o.system_modstamp"
        case .created: return "o.created_date"
        }
    }

    private static func condition(_ condition: OpportunityFilter.Condition, today: CalendarDate) -> (String, [any DatabaseValueConvertible]) {
        switch condition {
        case .text(let word):
            return ("o.rowid IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH ?)", [ftsPrefixQuery(word)])
        case .contains(let field, let value):
            return ("\(column(field)) LIKE ? ESCAPE '\\'", ["%" + escapeLike(value) + "%"])
        case .amount(let comparison, let amount):
            return ("o.amount_cents \(comparison.rawValue) ?", [Money.cents(of: amount)])
        case .probability(let comparison, let value):
            return ("CAST(o.probability AS REAL) \(comparison.rawValue) ?", [NSDecimalNumberBridge.double(value)])
        case .closeDate(let comparison, let operand):
            return ("o.close_date \(comparison.rawValue) ?", [operand.resolved(today: today).description])
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
