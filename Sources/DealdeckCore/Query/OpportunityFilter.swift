import Foundation

/// A parsed list filter: free-text words plus typed terms such as
/// `stage:negotiation owner:jane amount>50000 close<30d -status:closed`.
///
/// Words without a key are searched in name, account, owner, stage and next step (full-text,
/// prefix match). Every term must hold (AND). A leading `-` negates a term.
public struct OpportunityFilter: Equatable, Sendable {
    public var terms: [Term]

    public init(terms: [Term] = []) { self.terms = terms }

    public var isEmpty: Bool { terms.isEmpty }

    /// One condition of the filter.
    public struct Term: Equatable, Sendable {
        public var condition: Condition
        public var negated: Bool

        public init(_ condition: Condition, negated: Bool = false) {
            self.condition = condition
            self.negated = negated
        }
    }

    /// The kinds of condition a term can express.
    public enum Condition: Equatable, Sendable {
        /// Full-text word (prefix match) across the searchable columns.
        case text(String)
        /// Case-insensitive substring match on one text column.
        case contains(TextField, String)
        case amount(Comparison, Decimal)
        case probability(Comparison, Decimal)
        case closeDate(Comparison, DateOperand)
        case status(Status)
    }

    public enum TextField: String, Sendable, CaseIterable {
        case stage, owner, account, name, type, leadSource = "source", nextStep = "next"
    }

    public enum Comparison: String, Sendable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "="
    }

    /// A date given absolutely or relative to today (`30d` = 30 days from today, `-7d` = a week ago).
    public enum DateOperand: Equatable, Sendable {
        case absolute(CalendarDate)
        case daysFromToday(Int)

        public func resolved(today: CalendarDate) -> CalendarDate {
            switch self {
            case .absolute(let date): return date
            case .daysFromToday(let days): return today.adding(days: days)
            }
        }
    }

    public enum Status: String, Sendable, CaseIterable {
        case open, closed, won, lost
    }
}

