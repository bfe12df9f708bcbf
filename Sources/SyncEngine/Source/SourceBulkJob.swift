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

/// One results chunk of a completed Bulk API 2.0 query job, already in the cache's encoding
/// (a chunk is written as it comes, and chunks are the bulk of an initial load).
public struct SourceBulkChunk: Sendable {
    public var rows: OpportunityRows
    /// The locator of the next chunk; nil after the last one.
    public var nextLocator: String?

    public init(rows: OpportunityRows, nextLocator: String?) {
        self.rows = rows
        self.nextLocator = nextLocator
    }
}
