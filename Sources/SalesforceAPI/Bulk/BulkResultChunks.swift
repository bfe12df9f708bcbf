/// Every CSV chunk of a completed job, following `Sforce-Locator` until it is `null`.
public struct BulkResultChunks: AsyncSequence, Sendable {
    public typealias Element = BulkResultChunk

    let client: SalesforceClient
    let jobID: String
    let maxRecords: Int?

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, jobID: jobID, maxRecords: maxRecords)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let client: SalesforceClient
        let jobID: String
        let maxRecords: Int?
        private var locator: String?
        private var finished = false
        private var started = false

        init(client: SalesforceClient, jobID: String, maxRecords: Int?) {
            self.client = client
            self.jobID = jobID
            self.maxRecords = maxRecords
        }

        public mutating func next() async throws -> BulkResultChunk? {
            guard !finished else { return nil }
            if started && locator == nil { return nil }
            started = true
            let chunk = try await client.queryJobResults(jobID, locator: locator, maxRecords: maxRecords)
            locator = chunk.locator
            if locator == nil { finished = true }
            return chunk
        }
    }
}
