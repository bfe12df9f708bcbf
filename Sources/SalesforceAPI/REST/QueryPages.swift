import NIOHTTP1

/// The pages of a query, fetched as they are consumed, following `nextRecordsUrl`.
///
/// While the caller works on one page the next is already being fetched and parsed (one page
/// ahead, never more), which keeps a sync's network, parsing and database writes overlapping.
/// If the session is renewed in the middle, the next page throws
/// `SalesforceAPIError.queryRestartRequired`; run the query again from your checkpoint.
public struct QueryPages: AsyncSequence, Sendable {
    public typealias Element = QueryPage

    let client: SalesforceClient
    let soql: String
    let includeDeleted: Bool
    let batchSize: Int?

    public func makeAsyncIterator() -> Iterator {
        Iterator(source: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let source: QueryPages
        private var started = false
        private var prefetch: Prefetch?

        init(source: QueryPages) {
            self.source = source
        }

        public mutating func next() async throws -> QueryPage? {
            if !started {
                started = true
                let first = try await source.client.firstPage(source.soql, includeDeleted: source.includeDeleted, batchSize: source.batchSize)
                schedule(after: first)
                return first.page
            }
            guard let current = prefetch else { return nil }
            prefetch = nil
            let fetched = try await current.task.value
            schedule(after: fetched)
            return fetched.page
        }

        private mutating func schedule(after fetched: SalesforceClient.FetchedPage) {
            guard !fetched.page.done, let next = fetched.page.nextRecordsURL else { return }
            let client = source.client
            let batchSize = source.batchSize
            let generation = fetched.generation
            prefetch = Prefetch(Task { try await client.nextPage(next, batchSize: batchSize, startedAt: generation) })
        }
    }

    /// Cancels a page fetch nobody will read (the iterator was dropped).
    final class Prefetch {
        let task: Task<SalesforceClient.FetchedPage, any Error>

        init(_ task: Task<SalesforceClient.FetchedPage, any Error>) {
            self.task = task
        }

        deinit { task.cancel() }
    }
}
