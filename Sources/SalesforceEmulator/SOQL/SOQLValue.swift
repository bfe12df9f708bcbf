import DealdeckCore

/// A field value or literal as the SOQL engine sees it.
///
/// Salesforce has more field types than this, but every one of them compares and sorts like
/// one of these kinds (currency, percent and int are numbers; id, picklist and textarea are strings).
public enum SOQLValue: Sendable, Equatable, Hashable {
    case null
    case boolean(Bool)
    case number(Double)
    case string(String)
    case date(CalendarDate)
    case dateTime(SalesforceTimestamp)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SOQLValue: CustomStringConvertible {
    /// The value written the way a SOQL literal would spell it.
    public var description: String {
        switch self {
        case .null: return "null"
        case .boolean(let value): return value ? "true" : "false"
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return "'" + value + "'"
        case .date(let value): return value.description
        case .dateTime(let value): return value.soqlLiteral
        }
    }
}
