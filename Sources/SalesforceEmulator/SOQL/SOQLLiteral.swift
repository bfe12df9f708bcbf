import DealdeckCore

/// A value written on the right of a WHERE comparison, before it is checked against the field.
public enum SOQLLiteral: Sendable, Hashable {
    case null
    case boolean(Bool)
    /// A number with its spelling, so an integer field can tell `5` from `5.0`.
    case number(Double, text: String)
    case string(SOQLStringLiteral)
    case date(CalendarDate)
    case dateTime(SalesforceTimestamp)
    case relativeDate(SOQLRelativeDate)
}
