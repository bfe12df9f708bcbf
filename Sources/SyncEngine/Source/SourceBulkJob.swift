import DealdeckCore

/// A Bulk API 2.0 query job as the engine tracks it.
public struct SourceBulkJob: Equatable, Sendable, Codable {
    public enum State: String, Equatable, Sendable, Codable {
        case inProgress
        case complete
        case failed
    }

    public var id: String
    public var state: State
    /// When Salesforce created the job (its snapshot time), when the source knows it.
    public var createdDate: SalesforceTimestamp?
    /// Why it failed or was aborted.
    public var errorMessage: String?

    public init(id: String, state: State, createdDate: SalesforceTimestamp? = nil, errorMessage: String? = nil) {
        self.id = id
        self.state = state
        self.createdDate = createdDate
        self.errorMessage = errorMessage
    }
}

/// One results chunk of a completed Bulk API 2.0 query job, decoded into the cache's encoding by
/// `rows()` (a chunk is written as it comes, and chunks are the bulk of an initial load).
public struct SourceBulkChunk: Sendable {
    /// The locator of the next chunk; nil after the last one.
    public var nextLocator: String?
    private let decode: @Sendable () throws(SourceError) -> OpportunityRows

    /// A chunk as it arrived; `decode` turns it into rows when the engine asks (see `rows()`).
    public init(nextLocator: String?, decode: @escaping @Sendable () throws(SourceError) -> OpportunityRows) {
        self.nextLocator = nextLocator
        self.decode = decode
    }

    /// Decodes the chunk: CPU work, apart from the round trip, so the engine can ask for the
    /// next chunk first and decode this one beside it.
    public func rows() throws(SourceError) -> OpportunityRows {
        try decode()
    }
}
