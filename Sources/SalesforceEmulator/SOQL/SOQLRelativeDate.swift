/// Date literals such as `TODAY` or `LAST_N_DAYS:30`, which name a range of whole days relative to "now".
public enum SOQLRelativeDate: Sendable, Hashable {
    case yesterday
    case today
    case tomorrow
    case lastWeek
    case thisWeek
    case nextWeek
    case lastMonth
    case thisMonth
    case nextMonth
    case lastYear
    case thisYear
    case nextYear
    /// `LAST_N_DAYS:n` (and `LAST_90_DAYS`): the past `n` days and today.
    case lastNDays(Int)
    /// `NEXT_N_DAYS:n` (and `NEXT_90_DAYS`): the `n` days after today.
    case nextNDays(Int)

    /// The literals written as one word.
    static let keywords: [String: SOQLRelativeDate] = [
        "YESTERDAY": .yesterday, "TODAY": .today, "TOMORROW": .tomorrow,
        "LAST_WEEK": .lastWeek, "THIS_WEEK": .thisWeek, "NEXT_WEEK": .nextWeek,
        "LAST_MONTH": .lastMonth, "THIS_MONTH": .thisMonth, "NEXT_MONTH": .nextMonth,
        "LAST_YEAR": .lastYear, "THIS_YEAR": .thisYear, "NEXT_YEAR": .nextYear,
        "LAST_90_DAYS": .lastNDays(90), "NEXT_90_DAYS": .nextNDays(90),
    ]

    /// Whether `name` (upper case) is a literal written `NAME:n`.
    static func isParameterized(_ name: String) -> Bool { name == "LAST_N_DAYS" || name == "NEXT_N_DAYS" }

    /// The literal `name:count`, for a name `isParameterized` accepts.
    static func parameterized(_ name: String, _ count: Int) -> SOQLRelativeDate {
        name == "LAST_N_DAYS" ? .lastNDays(count) : .nextNDays(count)
    }
}
