/// Why a sort key or filter could not be understood.
public enum OpportunityQueryError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSortField(String)
    case unknownSortDirection(String)
    case unknownFilterKey(String)
    case badNumber(term: String)
    case badDate(term: String)
    case badStatus(term: String)
    case emptyValue(term: String)

    public var description: String {
        let fields = OpportunitySortField.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .unknownSortField(let text):
            return "'\(text)' is not a column to sort by. Use one of: \(fields), optionally followed by ':desc'."
        case .unknownSortDirection(let text):
            return "'\(text)' has an unknown direction. Write FIELD:asc or FIELD:desc, e.g. amount:desc."
        case .unknownFilterKey(let term):
            return "'\(term)' uses an unknown filter key. Use stage:, owner:, account:, name:, type:, source:, next:, status:, amount>N, prob>N or close<30d."
        case .badNumber(let term):
            return "'\(term)' needs a number after the comparison, e.g. amount>50000 or prob>=50."
        case .badDate(let term):
            return "'\(term)' needs a date (2025-03-31), a number of days (30d) or 'today' after the comparison."
        case .badStatus(let term):
            return "'\(term)' is not a status. Use status:open, status:closed, status:won or status:lost."
        case .emptyValue(let term):
            return "'\(term)' has nothing after the colon. Write e.g. stage:negotiation."
        }
    }
}
