import DealdeckCore

/// The chunks of a Bulk API job in order, with the next chunk decoding and the one after it
/// downloading while the caller writes the current one.
///
/// Why: a chunk passes through three workers, Salesforce (producing it), this process's decoder
/// and the cache's writer. Fetching and decoding in one task kept the writer waiting for both
/// in turn; here each chunk is asked for as soon as its locator arrives (before the chunk that
/// carried it is decoded) and decoded as soon as it arrives. Memory stays bounded: at most two
/// chunks wait ahead of the one being written.
final class BulkChunkPipeline {
    typealias Fetch = @Sendable (_ locator: String) async throws -> SourceBulkChunk

    /// One chunk on its way: its arrival (nil after the last chunk) and its decoded rows.
    private struct Stage {
        let chunk: Task<SourceBulkChunk?, any Error>
        let rows: Task<OpportunityRows?, any Error>

        init(chunk: Task<SourceBulkChunk?, any Error>) {
            self.chunk = chunk
            rows = Task.detached { try await chunk.value?.rows() }
        }

        func cancel() {
            chunk.cancel()
            rows.cancel()
        }
    }

    private let fetch: Fetch
    private var stages: [Stage]
    private var lastChunk: Task<SourceBulkChunk?, any Error>

    /// Starts with the first chunk (already fetched) and decodes it.
    init(first: SourceBulkChunk, fetch: @escaping Fetch) {
        self.fetch = fetch
        let chunk = Task<SourceBulkChunk?, any Error> { first }
        stages = [Stage(chunk: chunk)]
        lastChunk = chunk
    }

    /// Asks for one more chunk: the one after the last asked for, as soon as that one's locator
    /// is known (none when it was the last).
    func extend() {
        let previous = lastChunk
        let fetch = self.fetch
        let chunk = Task<SourceBulkChunk?, any Error> {
            guard let locator = try await previous.value?.nextLocator else { return nil }
            return try await fetch(locator)
        }
        stages.append(Stage(chunk: chunk))
        lastChunk = chunk
    }

    /// The next chunk's rows and the locator that follows it; nil after the last chunk.
    func next() async throws -> (rows: OpportunityRows, nextLocator: String?)? {
        guard !stages.isEmpty else { return nil }
        let stage = stages.removeFirst()
        do {
            return try await withTaskCancellationHandler {
                guard let chunk = try await stage.chunk.value, let rows = try await stage.rows.value else {
                    cancel()
                    return nil
                }
                return (rows, chunk.nextLocator)
            } onCancel: {
                stage.cancel()
            }
        } catch {
            cancel()
            throw error
        }
    }

    /// Stops every chunk still on its way.
    func cancel() {
        for stage in stages { stage.cancel() }
        stages = []
    }
}
