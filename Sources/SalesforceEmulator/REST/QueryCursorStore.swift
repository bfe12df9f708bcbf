import DealdeckCore
import Synchronization

/// Open query cursors (`nextRecordsUrl` locators).
///
/// A cursor keeps the matching records as they were when the query ran (copy-on-write
/// arrays make that free), so a record edited during paging keeps its old values in later
/// pages, as on Salesforce. Locators expire after a configurable time without use, and
/// belong to the session that opened them.
final class QueryCursorStore: Sendable {
    struct Cursor: Sendable {
        let locator: String
        let sessionID: String
        let rows: QueryRows
        let layout: RecordLayout
        /// Parent records as of the query, for relationship objects in later pages.
        let parents: OrgTables
        /// Parent objects already rendered for this cursor's pages.
        let renderedParents: RenderedParents
        let totalSize: Int
        let batchSize: Int
        var lastUsed: SalesforceTimestamp
    }

    /// Oldest cursors are dropped beyond this many, bounding memory when clients abandon
    /// queries (Salesforce itself no longer caps cursors per user since v56).
    static let maximumOpenCursors = 64

    /// How many pages of one cursor are rendered ahead of the client (see `RESTEndpoint.prefetch`).
    static let prefetchDepth = 2

    /// A page rendered ahead of its request (see `RESTEndpoint.prefetch`).
    struct Prefetch: Sendable {
        let range: Range<Int>
        /// `/services/data/vNN.0`: the URLs inside the page depend on it.
        let base: String
        let task: Task<[UInt8], Never>
    }

    private struct State {
        var cursors: [String: Cursor] = [:]
        var prefetches: [String: [Prefetch]] = [:]
        var nextNumber = 1
    }

    private let state = Mutex(State())

    /// Opens a cursor and returns its locator (an `01g…` ID).
    func open(
        sessionID: String, rows: QueryRows, layout: RecordLayout, parents: OrgTables, renderedParents: RenderedParents, totalSize: Int,
        batchSize: Int, now: SalesforceTimestamp
    ) -> String {
        state.withLock { state in
            let locator = SalesforceID(keyPrefix: "01g", pod: "5e", number: 7_000_000 + state.nextNumber).rawValue
            state.nextNumber += 1
            state.cursors[locator] = Cursor(
                locator: locator, sessionID: sessionID, rows: rows, layout: layout, parents: parents,
                renderedParents: renderedParents, totalSize: totalSize, batchSize: batchSize, lastUsed: now)
            if state.cursors.count > Self.maximumOpenCursors,
                let oldest = state.cursors.values.min(by: { $0.lastUsed < $1.lastUsed })
            {
                state.cursors[oldest.locator] = nil
                state.prefetches[oldest.locator]?.forEach { $0.task.cancel() }
                state.prefetches[oldest.locator] = nil
            }
            return locator
        }
    }

    /// The cursor for `locator` if it is still alive and belongs to `sessionID`; marks it used.
    ///
    /// A locator presented by another session is refused with `INVALID_QUERY_LOCATOR` rather
    /// than served: Salesforce ties cursors to the session that ran the query (that is why a
    /// rotated session breaks paging, spec §1.4), and serving it would let clients depend on
    /// locators surviving a re-login, which real orgs do not promise.
    func use(_ locator: String, sessionID: String, now: SalesforceTimestamp, lifetimeSeconds: Int) -> Cursor? {
        state.withLock { state in
            let cutoff = now.adding(milliseconds: -Int64(lifetimeSeconds) * 1000)
            state.cursors = state.cursors.filter { $0.value.lastUsed >= cutoff }
            state.prefetches = state.prefetches.filter { state.cursors[$0.key] != nil }
            guard var cursor = state.cursors[locator], cursor.sessionID == sessionID else { return nil }
            cursor.lastUsed = now
            state.cursors[locator] = cursor
            return cursor
        }
    }

    /// Whether a page for exactly this request is already being rendered ahead.
    func hasPrefetch(locator: String, range: Range<Int>, base: String) -> Bool {
        state.withLock { state in
            state.prefetches[locator]?.contains { $0.range == range && $0.base == base } ?? false
        }
    }

    /// Keeps a page being rendered ahead for `locator`, at most `prefetchDepth` per cursor (the
    /// oldest is dropped).
    func storePrefetch(locator: String, range: Range<Int>, base: String, task: Task<[UInt8], Never>) {
        state.withLock { state in
            guard state.cursors[locator] != nil else { return task.cancel() }
            var pages = state.prefetches[locator] ?? []
            guard !pages.contains(where: { $0.range == range && $0.base == base }) else { return task.cancel() }
            pages.append(Prefetch(range: range, base: base, task: task))
            if pages.count > Self.prefetchDepth { pages.removeFirst().task.cancel() }
            state.prefetches[locator] = pages
        }
    }

    /// The page rendered ahead for exactly this request, if there is one (it is handed out
    /// once). Pages before it are dropped: the client has moved past them.
    func takePrefetch(locator: String, range: Range<Int>, base: String) -> Task<[UInt8], Never>? {
        state.withLock { state in
            guard var pages = state.prefetches[locator],
                let index = pages.firstIndex(where: { $0.range == range && $0.base == base })
            else { return nil }
            let task = pages[index].task
            pages.removeSubrange(...index)
            state.prefetches[locator] = pages.isEmpty ? nil : pages
            return task
        }
    }

    /// How many cursors are open (control-surface statistics).
    var openCount: Int { state.withLock { $0.cursors.count } }
}
