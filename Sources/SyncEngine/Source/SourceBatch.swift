import DealdeckCore

/// The parts of one Composite Batch round trip. Each part is optional; set at least one.
public struct SourceBatchRequest: Equatable, Sendable {
    /// Include a describe of Opportunity.
    public var describe: Bool
    /// A records query (its first page), with whether it is `queryAll`.
    public var query: String?
    public var includeDeleted: Bool
    /// A `SELECT COUNT() …` statement.
    public var count: String?
    /// A Get Deleted window.
    public var deletedWindow: ClosedRange<SalesforceTimestamp>?

    public init(describe: Bool = false, query: String? = nil, includeDeleted: Bool = true, count: String? = nil, deletedWindow: ClosedRange<SalesforceTimestamp>? = nil) {
        self.describe = describe
        self.query = query
        self.includeDeleted = includeDeleted
        self.count = count
        self.deletedWindow = deletedWindow
    }
}

/// The answers of a Composite Batch, one per requested part (nil when not requested).
public struct SourceBatchResult: Sendable {
    public var schema: Result<SourceSchema, SourceError>?
    public var page: Result<SourcePage, SourceError>?
    public var count: Result<Int, SourceError>?
    public var deletions: Result<SourceDeletions, SourceError>?

    public init(
        schema: Result<SourceSchema, SourceError>? = nil, page: Result<SourcePage, SourceError>? = nil,
        count: Result<Int, SourceError>? = nil, deletions: Result<SourceDeletions, SourceError>? = nil
    ) {
        self.schema = schema
        self.page = page
        self.count = count
        self.deletions = deletions
    }
}
