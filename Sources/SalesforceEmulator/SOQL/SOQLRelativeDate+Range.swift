import DealdeckCore

extension SOQLRelativeDate {
    /// The half-open range of days (since 1970-01-01) the literal covers when today is `today`.
    ///
    /// Ranges are whole UTC days: the emulator's users all live in UTC. Weeks start on Sunday,
    /// as in the en_US locale Salesforce defaults to.
    public func days(today: CalendarDate) -> Range<Int> {
        let day = today.daysSinceEpoch
        switch self {
        case .yesterday: return (day - 1)..<day
        case .today: return day..<(day + 1)
        case .tomorrow: return (day + 1)..<(day + 2)
        case .lastNDays(let count): return (day - count)..<(day + 1)
        case .nextNDays(let count): return (day + 1)..<(day + 1 + count)
        case .lastWeek, .thisWeek, .nextWeek:
            // 1970-01-01 was a Thursday, four days after a Sunday.
            let sunday = day - ((day + 4) % 7 + 7) % 7
            let shift = self == .lastWeek ? -7 : (self == .nextWeek ? 7 : 0)
            return (sunday + shift)..<(sunday + shift + 7)
        case .lastMonth, .thisMonth, .nextMonth:
            let shift = self == .lastMonth ? -1 : (self == .nextMonth ? 1 : 0)
            let monthIndex = today.year * 12 + (today.month - 1) + shift
            return Self.firstDay(monthIndex: monthIndex)..<Self.firstDay(monthIndex: monthIndex + 1)
        case .lastYear, .thisYear, .nextYear:
            let year = today.year + (self == .lastYear ? -1 : (self == .nextYear ? 1 : 0))
            return Self.firstDay(monthIndex: year * 12)..<Self.firstDay(monthIndex: (year + 1) * 12)
        }
    }

    private static func firstDay(monthIndex: Int) -> Int {
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        return CalendarDate(year: year, month: month, day: 1)?.daysSinceEpoch ?? 0
    }
}
