import DealdeckCore
import Foundation

/// A WHERE clause compiled into closures, once per query execution.
///
/// It is deliberately not generic: it reads fields through a `fetch(slot)` function the
/// evaluator supplies per record, so the closures have concrete types and calls between them
/// need none of the reabstraction thunks generic closures pay for on every record.
struct SOQLFilter {
    /// Reads the value in a field slot of the record being tested.
    typealias Fetch = (Int) -> SOQLValue

    /// Whether the record behind `fetch` passes the clause.
    let matches: (Fetch) -> Bool

    /// - Parameter slot: the evaluator's slot for each field the clause reads.
    init(_ condition: SOQLResolvedCondition, now: SalesforceTimestamp, slot: (SOQLFieldPath) -> Int) {
        matches = Self.compile(condition, now: now, slot: slot)
    }

    private static func compile(
        _ condition: SOQLResolvedCondition, now: SalesforceTimestamp, slot: (SOQLFieldPath) -> Int
    ) -> (Fetch) -> Bool {
        switch condition {
        case .and(let terms):
            return fold(terms, now: now, slot: slot) { left, right in { fetch in left(fetch) && right(fetch) } }
        case .or(let terms):
            return fold(terms, now: now, slot: slot) { left, right in { fetch in left(fetch) || right(fetch) } }
        case .not(let inner):
            let compiled = compile(inner, now: now, slot: slot)
            return { fetch in !compiled(fetch) }
        case .predicate(let field, let predicate):
            let index = slot(field.path)
            let test = compile(predicate, now: now, exactText: field.type.literalKind == .id)
            guard field.type == .boolean else { return { fetch in test(fetch(index)) } }
            // Salesforce booleans are never null: a missing checkbox reads as false, so
            // `IsDeleted = false` matches records without one.
            return { fetch in
                let value = fetch(index)
                return test(value.isNull ? .boolean(false) : value)
            }
        }
    }

    /// Joins terms pairwise into nested closures. Kept out of arrays on purpose: a closure read
    /// back from an array is re-wrapped in a thunk that allocates on every call.
    private static func fold(
        _ terms: [SOQLResolvedCondition], now: SalesforceTimestamp, slot: (SOQLFieldPath) -> Int,
        join: (@escaping (Fetch) -> Bool, @escaping (Fetch) -> Bool) -> (Fetch) -> Bool
    ) -> (Fetch) -> Bool {
        guard let first = terms.first else { return { _ in true } }
        var combined = compile(first, now: now, slot: slot)
        for term in terms.dropFirst() { combined = join(combined, compile(term, now: now, slot: slot)) }
        return combined
    }

    /// One comparison as a test of the field's value. SOQL has two-valued logic: every test is
    /// true or false, and `!=`, `NOT IN` and `EXCLUDES` are true for a null field (Salesforce
    /// returns the records without a value).
    ///
    /// - Parameter exactText: compare text exactly, as Salesforce compares Ids (their case is
    ///   significant in the first fifteen characters); other text ignores case.
    private static func compile(
        _ predicate: SOQLResolvedPredicate, now: SalesforceTimestamp, exactText: Bool
    ) -> (SOQLValue) -> Bool {
        switch predicate {
        case .comparison(let comparison, let literal):
            return compileComparison(comparison, literal, exactText: exactText)
        case .relativeDate(let comparison, let relative):
            let days = relative.days(today: now.date)
            return compileRange(comparison, lower: Int64(days.lowerBound) * 86_400_000, upper: Int64(days.upperBound) * 86_400_000)
        case .like(let pattern):
            return { value in
                if case .string(let text) = value { return pattern.matches(text) }
                return false
            }
        case .in(let values):
            return { value in isMember(value, of: values, exactText: exactText) }
        case .notIn(let values):
            return { value in !isMember(value, of: values, exactText: exactText) }
        case .includes(let terms):
            let wanted = terms.map { $0.map { $0.lowercased() } }
            return { value in includesAny(value, wanted) }
        case .excludes(let terms):
            let wanted = terms.map { $0.map { $0.lowercased() } }
            return { value in !includesAny(value, wanted) }
        }
    }

    private static func compileComparison(
        _ comparison: SOQLComparisonOperator, _ literal: SOQLValue, exactText: Bool
    ) -> (SOQLValue) -> Bool {
        switch literal {
        case .null:
            switch comparison {
            case .equal: return { $0.isNull }
            case .notEqual: return { !$0.isNull }
            default: return { _ in false }
            }
        case .dateTime(let timestamp):
            // The sync cursor (`SystemModstamp >= X`) runs over every record: compare integers
            // directly and leave the general path for odd values.
            let bound = timestamp.millisecondsSinceEpoch
            return { value in
                if case .dateTime(let actual) = value { return holds(comparison, actual.millisecondsSinceEpoch, bound) }
                return holds(comparison, SOQLValue.filterComparison(value, literal))
            }
        case .number(let bound):
            return { value in
                if case .number(let actual) = value { return holds(comparison, actual, bound) }
                return holds(comparison, SOQLValue.filterComparison(value, literal))
            }
        case .string(let bound) where exactText:
            return { value in
                if case .string(let actual) = value { return holds(comparison, exactOrder(actual, bound)) }
                return holds(comparison, SOQLValue.filterComparison(value, literal))
            }
        default:
            return { value in holds(comparison, SOQLValue.filterComparison(value, literal)) }
        }
    }

    /// A comparison against a range of days `[lower, upper)` in epoch milliseconds: `=` means
    /// inside, `<` before it, `>` after it, `<=` and `>=` include it.
    private static func compileRange(_ comparison: SOQLComparisonOperator, lower: Int64, upper: Int64) -> (SOQLValue) -> Bool {
        { value in
            let instant: Int64
            switch value {
            case .dateTime(let timestamp): instant = timestamp.millisecondsSinceEpoch
            case .date(let date): instant = Int64(date.daysSinceEpoch) * 86_400_000
            default: return comparison == .notEqual
            }
            switch comparison {
            case .equal: return instant >= lower && instant < upper
            case .notEqual: return instant < lower || instant >= upper
            case .lessThan: return instant < lower
            case .lessThanOrEqual: return instant < upper
            case .greaterThan: return instant >= upper
            case .greaterThanOrEqual: return instant >= lower
            }
        }
    }

    @inline(__always)
    private static func holds<T: Comparable>(_ comparison: SOQLComparisonOperator, _ actual: T, _ bound: T) -> Bool {
        switch comparison {
        case .equal: return actual == bound
        case .notEqual: return actual != bound
        case .lessThan: return actual < bound
        case .lessThanOrEqual: return actual <= bound
        case .greaterThan: return actual > bound
        case .greaterThanOrEqual: return actual >= bound
        }
    }

    private static func holds(_ comparison: SOQLComparisonOperator, _ result: ComparisonResult?) -> Bool {
        guard let result else { return comparison == .notEqual }
        switch comparison {
        case .equal: return result == .orderedSame
        case .notEqual: return result != .orderedSame
        case .lessThan: return result == .orderedAscending
        case .lessThanOrEqual: return result != .orderedDescending
        case .greaterThan: return result == .orderedDescending
        case .greaterThanOrEqual: return result != .orderedAscending
        }
    }

    /// Byte order of two strings: for Ids, whose characters are ASCII, this is the order in
    /// which Salesforce mints them.
    private static func exactOrder(_ lhs: String, _ rhs: String) -> ComparisonResult {
        if lhs.utf8.elementsEqual(rhs.utf8) { return .orderedSame }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? .orderedAscending : .orderedDescending
    }

    private static func isMember(_ value: SOQLValue, of values: [SOQLValue], exactText: Bool) -> Bool {
        if value.isNull { return values.contains(.null) }
        if exactText, case .string = value { return values.contains(value) }
        return values.contains { SOQLValue.filterComparison(value, $0) == .orderedSame }
    }

    /// Whether a multi-select picklist value holds every value of at least one term.
    private static func includesAny(_ value: SOQLValue, _ terms: [[String]]) -> Bool {
        guard case .string(let text) = value else { return false }
        let held = Set(SOQLValidator.picklistValues(text).map { $0.lowercased() })
        return terms.contains { term in term.allSatisfy { held.contains($0) } }
    }
}
