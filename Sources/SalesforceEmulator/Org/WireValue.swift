import DealdeckCore

/// One field value as it leaves the org: in query results, record GETs, Bulk CSV and the SOQL
/// engine. The cases keep the storage form (cents, whole percents) so formatting is exact and
/// no Double ever holds money.
public enum WireValue: Sendable, Equatable {
    case null
    /// Text, picklist and textarea values.
    case string(String)
    case id(SalesforceID)
    case boolean(Bool)
    /// `int` fields (FiscalYear, NumberOfEmployees…).
    case integer(Int)
    /// `currency` fields, in hundredths.
    case cents(Int64)
    /// `percent` and `double` fields with no fractional digits in storage.
    case wholeNumber(Int)
    case date(CalendarDate)
    case dateTime(SalesforceTimestamp)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension WireValue {
    /// The value as Bulk API CSV and `description` spell it: null is empty, booleans are
    /// `true`/`false`, numbers and dates use the JSON forms.
    public var text: String {
        switch self {
        case .null: return ""
        case .string(let value): return value
        case .id(let value): return value.rawValue
        case .boolean(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .cents(let value): return WireNumberFormat.double(cents: value)
        case .wholeNumber(let value): return WireNumberFormat.double(cents: Int64(value) * 100)
        case .date(let value): return value.description
        case .dateTime(let value): return value.description
        }
    }
}
