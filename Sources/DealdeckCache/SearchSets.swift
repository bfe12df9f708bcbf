import Synchronization

/// The rows the full-text index found for single filter words, each with its token initials
/// (`TokenInitials`), kept for the next keystrokes until the cache changes.
///
/// Why: typing narrows a filter a key at a time (`hooli` → `hooli s`), and the longer word's
/// row set, which costs 20 ms and more to build over a million rows, is the same on every key
/// after it. The list's count builds it once (it runs after the rows are shown); the next
/// keystroke's page walks the ordering and only reads the rows in the set.
public final class SearchSets: Sendable {
    /// A word's set is kept only up to this size (a set costs some 30 bytes a row): a word in
    /// more rows than that is common enough for the walk to find without a set.
    static let largestSet = 100_000
    private static let capacity = 4

    private struct Entry {
        var query: String
        var rows: [Int64: TokenInitials]
    }

    private struct Storage {
        var version = -1
        var entries: [Entry] = []
    }

    private let storage = Mutex(Storage())

    public init() {}

    /// The set for an FTS5 query, if remembered at this data version.
    func rows(for query: String, version: Int) -> [Int64: TokenInitials]? {
        storage.withLock { storage in
            guard storage.version == version else { return nil }
            return storage.entries.first { $0.query == query }?.rows
        }
    }

    /// Remembers a set; a new data version forgets every older one.
    func remember(_ rows: [Int64: TokenInitials], for query: String, version: Int) {
        storage.withLock { storage in
            if storage.version != version { storage = Storage(version: version) }
            storage.entries.removeAll { $0.query == query }
            storage.entries.append(Entry(query: query, rows: rows))
            if storage.entries.count > Self.capacity { storage.entries.removeFirst() }
        }
    }
}

/// The sets to use and the data version they must belong to, for one read.
public struct SearchMemory: Sendable {
    let sets: SearchSets
    let version: Int

    public init(_ sets: SearchSets, version: Int) {
        self.sets = sets
        self.version = version
    }
}
