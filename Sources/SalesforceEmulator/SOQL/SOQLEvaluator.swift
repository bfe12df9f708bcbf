import DealdeckCore
import Foundation

/// Runs a resolved query over records of any type.
///
/// The caller says once, per field path, how to read that field from a record; the evaluator
/// compiles the WHERE tree into closures over those readers, with literals and relative dates
/// already converted, so filtering a record costs a few indirect calls and no allocation.
///
/// ```swift
/// let evaluator = SOQLEvaluator<Opportunity>(query: resolved, now: clock.now) { path in
///     switch path.description {
///     case "Id": return { .string($0.id.rawValue) }
///     case "SystemModstamp": return { .dateTime($0.systemModstamp) }
///     case "Account.Name": return { $0.account.map { .string($0.name) } ?? .null }
///     default: return { _ in .null }
///     }
/// }
/// let result = evaluator.execute(store.opportunities)
/// ```
///
/// An evaluator holds the caller's closures, so it is built per request rather than shared.
///
/// Text compares ignoring case, except Ids and references, which compare exactly (byte order
/// is the order Salesforce mints them in). A null checkbox reads as false.
///
/// For a large store, avoid copying records: `executeIndices` answers with positions, or make
/// `Record` the row index (`SOQLEvaluator<Int>`, readers like `{ .dateTime(store.modstamps[$0]) }`)
/// and call `execute(0..<store.count)`. Build the evaluator in the module that owns the record
/// type's store, so the compiler specializes it.
public struct SOQLEvaluator<Record> {
    public let query: SOQLResolvedQuery
    /// One reader per field the query reads, indexed by slot.
    private let readers: [(Record) -> SOQLValue]
    /// The compiled WHERE clause; a plain closure, not an optional, so testing a record does not
    /// copy it out of an optional through value witnesses.
    private let filter: (SOQLFilter.Fetch) -> Bool
    private let sortKeys: [(ordering: SOQLResolvedOrdering, slot: Int)]
    private let countedSlot: Int?

    /// - Parameters:
    ///   - now: the instant relative date literals (`TODAY`, `LAST_N_DAYS:n`) count from.
    ///   - accessor: called once for each distinct field path that WHERE, ORDER BY or
    ///     `COUNT(field)` reads; returns how to read that field from a record, `.null` when a
    ///     relationship on the way is empty.
    public init(query: SOQLResolvedQuery, now: SalesforceTimestamp, accessor: (SOQLFieldPath) -> (Record) -> SOQLValue) {
        let fields = query.evaluatedFields
        var slots: [SOQLFieldPath: Int] = [:]
        for (index, field) in fields.enumerated() { slots[field.path] = index }
        // Every path evaluation reads is in `evaluatedFields`; the fallback slot is never used.
        let slot: (SOQLFieldPath) -> Int = { slots[$0] ?? 0 }
        self.query = query
        readers = fields.map { accessor($0.path) }
        // Not `map`/`??`: passing the closure through a generic Optional would wrap it in a
        // reabstraction thunk that re-boxes `fetch` on every record.
        if let condition = query.condition {
            filter = SOQLFilter(condition, now: now, slot: slot).matches
        } else {
            filter = { _ in true }
        }
        sortKeys = query.ordering.map { ($0, slot($0.field.path)) }
        if case .countOf(let field) = query.selection {
            countedSlot = slot(field.path)
        } else {
            countedSlot = nil
        }
    }

    /// For callers with their own fast field key (a column index, an enum): `resolve` maps each
    /// path to a key once, and `value` reads a keyed field from a record.
    public init<Key>(
        query: SOQLResolvedQuery, now: SalesforceTimestamp, resolve: (SOQLFieldPath) -> Key,
        value: @escaping (Record, Key) -> SOQLValue
    ) {
        self.init(query: query, now: now) { path in
            let key = resolve(path)
            return { record in value(record, key) }
        }
    }

    /// Whether the record passes the WHERE clause (always true without one).
    public func matches(_ record: Record) -> Bool {
        filter { readers[$0](record) }
    }

    /// The records in ORDER BY order. Stable: records that tie keep their input order.
    public func order(_ records: [Record]) -> [Record] {
        guard !sortKeys.isEmpty, records.count > 1 else { return records }
        return sortedPositions(count: records.count, limit: nil) { records[$0] }.map { records[$0] }
    }

    /// Applies WHERE, ORDER BY, OFFSET and LIMIT, or counts for COUNT queries.
    public func execute<Records: RandomAccessCollection>(_ records: Records) -> SOQLResult<Record>
    where Records.Element == Record {
        let selected = executeIndices(records)
        return SOQLResult(records: selected.records.map { records[$0] }, totalSize: selected.totalSize, count: selected.count)
    }

    /// Applies WHERE, ORDER BY, OFFSET and LIMIT to any sequence of records.
    public func execute<Records: Sequence>(_ records: Records) -> SOQLResult<Record> where Records.Element == Record {
        execute(Array(records))
    }

    /// Like `execute`, but answers with the indices of the selected records in `records`, so a
    /// caller holding a large store can page through the result without copying records.
    public func executeIndices<Records: RandomAccessCollection>(_ records: Records) -> SOQLResult<Records.Index>
    where Records.Element == Record {
        let skip = query.offset ?? 0
        switch query.selection {
        case .count, .countOf:
            return count(records) ?? SOQLResult(records: [], totalSize: 0)
        case .fields:
            let page: [Records.Index]
            if sortKeys.isEmpty {
                page = firstMatches(records, skip: skip)
            } else {
                var matched: [Records.Index] = []
                for index in records.indices where matches(records[index]) { matched.append(index) }
                let order = sortedPositions(count: matched.count, limit: query.limit.map { skip + $0 }) { records[matched[$0]] }
                page = order.dropFirst(skip).prefix(query.limit ?? Int.max).map { matched[$0] }
            }
            return SOQLResult(records: page, totalSize: page.count)
        }
    }

    /// The answer to `COUNT()` or `COUNT(field)` over any sequence of records, read once and
    /// in place (nil for a query that selects fields).
    public func count<Records: Sequence, Index>(_ records: Records) -> SOQLResult<Index>? where Records.Element == Record {
        switch query.selection {
        case .count:
            var matched = 0
            for record in records where matches(record) { matched += 1 }
            let count = min(max(matched - (query.offset ?? 0), 0), query.limit ?? Int.max)
            return SOQLResult(records: [], totalSize: count, count: count)
        case .countOf:
            var counted = 0
            guard let countedSlot else { return SOQLResult(records: [], totalSize: 1, count: 0) }
            let read = readers[countedSlot]
            for record in records where matches(record) && !read(record).isNull { counted += 1 }
            return SOQLResult(records: [], totalSize: 1, count: counted)
        case .fields:
            return nil
        }
    }

    /// Without ORDER BY the rows come in input order, so scanning can stop at OFFSET + LIMIT.
    private func firstMatches<Records: RandomAccessCollection>(_ records: Records, skip: Int) -> [Records.Index]
    where Records.Element == Record {
        var page: [Records.Index] = []
        var skipped = 0
        let limit = query.limit ?? Int.max
        guard limit > 0 else { return [] }
        for index in records.indices where matches(records[index]) {
            if skipped < skip {
                skipped += 1
                continue
            }
            page.append(index)
            if page.count >= limit { break }
        }
        return page
    }

    /// Positions `0..<count` in ORDER BY order, ties broken by position so the order is stable.
    /// With a limit only the first `limit` positions are returned.
    private func sortedPositions(count: Int, limit: Int?, record: (Int) -> Record) -> [Int] {
        withoutActuallyEscaping(record) { record in
            let keys = sortKeys.map { key in
                let read = readers[key.slot]
                guard key.ordering.field.type == .boolean else {
                    return SOQLSorter.Key(ordering: key.ordering) { read(record($0)) }
                }
                // As in WHERE, a missing checkbox is false, not null.
                return SOQLSorter.Key(ordering: key.ordering) { position in
                    let value = read(record(position))
                    return value.isNull ? .boolean(false) : value
                }
            }
            return SOQLSorter(keys: keys).order(count: count, limit: limit)
        }
    }
}
