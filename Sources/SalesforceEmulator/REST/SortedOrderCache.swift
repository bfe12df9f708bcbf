import Synchronization

/// Row orders of recent ORDER BY clauses, per snapshot version: the emulator's index.
///
/// A sync asks the same `ORDER BY SystemModstamp, Id` again and again (Salesforce answers it
/// from an index). Sorting a few hundred thousand rows is most of the time to the first page,
/// so the order the SOQL engine produced is kept, keyed by object, ORDER BY clause, queryAll
/// and the org's write version, and any later query with that ordering filters the ordered
/// rows instead of sorting again. The engine's sort is stable over the same input, so the
/// result is the same as sorting afresh. An order leaves out the rows its query excludes
/// whatever the WHERE clause (deleted rows, for `query` rather than `queryAll`).
final class SortedOrderCache: Sendable {
    struct Key: Hashable, Sendable {
        var object: String
        var ordering: [SOQLResolvedOrdering]
        var includeDeleted: Bool
        var version: Int
        /// The table's row count, a check that the order belongs to the table it is used on.
        var rows = 0
    }

    /// Entries kept; older ones (and any from an earlier version) are dropped.
    static let capacity = 4

    private let entries = Mutex<[(key: Key, order: [Int])]>([])

    func order(for key: Key) -> [Int]? {
        entries.withLock { entries in entries.first { $0.key == key }?.order }
    }

    func store(_ order: [Int], for key: Key) {
        entries.withLock { entries in
            entries.removeAll { $0.key.version != key.version || $0.key == key }
            entries.append((key, order))
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
    }
}
