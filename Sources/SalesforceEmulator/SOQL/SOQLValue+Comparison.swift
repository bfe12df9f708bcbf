import DealdeckCore
import Foundation

extension SOQLValue {
    /// The order Salesforce gives two values of related kinds, or nil when either is null or the
    /// kinds cannot be compared (a number against a string, say). WHERE uses this, so that a
    /// mismatch is simply "no match" rather than an arbitrary answer.
    ///
    /// Strings compare case-insensitively, as SOQL does; a date against a dateTime compares the
    /// dateTime's UTC date.
    public static func filterComparison(_ lhs: SOQLValue, _ rhs: SOQLValue) -> ComparisonResult? {
        switch (lhs, rhs) {
        case (.boolean(let left), .boolean(let right)):
            return left == right ? .orderedSame : (!left ? .orderedAscending : .orderedDescending)
        case (.number(let left), .number(let right)):
            return ordered(left, right)
        case (.string(let left), .string(let right)):
            return compareIgnoringCase(left, right)
        case (.date(let left), .date(let right)):
            return ordered(left.daysSinceEpoch, right.daysSinceEpoch)
        case (.dateTime(let left), .dateTime(let right)):
            return ordered(left.millisecondsSinceEpoch, right.millisecondsSinceEpoch)
        case (.date(let left), .dateTime(let right)):
            return ordered(left.daysSinceEpoch, right.date.daysSinceEpoch)
        case (.dateTime(let left), .date(let right)):
            return ordered(left.date.daysSinceEpoch, right.daysSinceEpoch)
        default:
            return nil
        }
    }

    /// A total order over all values, used by ORDER BY (nulls are placed by the caller, but sort
    /// first here). Values of unrelated kinds order by kind, so a sort never sees an inconsistent
    /// comparator even when a record holds an unexpected kind; a date sorts just before the
    /// dateTimes of the same day, which keeps the order transitive.
    public static func compare(_ lhs: SOQLValue, _ rhs: SOQLValue) -> ComparisonResult {
        if case .date(let left) = lhs, case .dateTime(let right) = rhs {
            let byDay = ordered(left.daysSinceEpoch, right.date.daysSinceEpoch)
            return byDay == .orderedSame ? .orderedAscending : byDay
        }
        if case .dateTime(let left) = lhs, case .date(let right) = rhs {
            let byDay = ordered(left.date.daysSinceEpoch, right.daysSinceEpoch)
            return byDay == .orderedSame ? .orderedDescending : byDay
        }
        if let result = filterComparison(lhs, rhs) { return result }
        return ordered(lhs.kindRank, rhs.kindRank)
    }

    /// Case-insensitive string order. ASCII text, which is nearly all CRM data, is compared byte
    /// by byte without allocating; anything else falls back to comparing lowercased copies.
    public static func compareIgnoringCase(_ lhs: String, _ rhs: String) -> ComparisonResult {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return .orderedSame
            case (nil, _?):
                return .orderedAscending
            case (_?, nil):
                return .orderedDescending
            case (let leftByte?, let rightByte?):
                if leftByte == rightByte { continue }
                if leftByte >= 0x80 || rightByte >= 0x80 { return compareFolded(lhs, rhs) }
                let foldedLeft = asciiLowercased(leftByte)
                let foldedRight = asciiLowercased(rightByte)
                if foldedLeft != foldedRight { return foldedLeft < foldedRight ? .orderedAscending : .orderedDescending }
            }
        }
    }

    /// Whether two strings are equal ignoring case, the way SOQL's `=` treats text.
    public static func equalIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        compareIgnoringCase(lhs, rhs) == .orderedSame
    }

    @inline(__always)
    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    private static func compareFolded(_ lhs: String, _ rhs: String) -> ComparisonResult {
        let left = lhs.lowercased()
        let right = rhs.lowercased()
        if left == right { return .orderedSame }
        return left < right ? .orderedAscending : .orderedDescending
    }

    @inline(__always)
    private static func ordered<T: Comparable>(_ lhs: T, _ rhs: T) -> ComparisonResult {
        lhs < rhs ? .orderedAscending : (lhs == rhs ? .orderedSame : .orderedDescending)
    }

    private var kindRank: Int {
        switch self {
        case .null: return 0
        case .boolean: return 1
        case .number: return 2
        case .string: return 3
        case .date, .dateTime: return 4
        }
    }
}
