import DealdeckCore

/// Where the sync engine reads opportunities from: Salesforce (`SalesforceSource`, over the
/// REST and Bulk APIs) or a fake in tests. The engine builds every SOQL statement itself and
/// knows no HTTP; a source runs the calls, maps records to `Opportunity` values and errors to
/// `SourceError`.
///
/// Paging is pull-based (`query` then `queryMore`) rather than a stream: the engine asks for
/// the next page only when it has room for it, so at most two pages are ever in memory (one
/// being written, one prefetched), whatever the org's size. Each method is one API call.
public protocol OpportunitySource: Sendable {
    /// The Opportunity fields the signed-in user can see, and whether the org is multi-currency.
    func describe() async throws(SourceError) -> SourceSchema

    /// The first page of `soql` (`queryAll` when `includeDeleted`, so recycle-bin rows come back
    /// with `isDeleted`). `batchSize` is a hint (200…2000).
    func query(_ soql: String, includeDeleted: Bool, batchSize: Int) async throws(SourceError) -> SourcePage

    /// The page at `next` (a previous page's `nextPage`).
    func queryMore(_ next: String, batchSize: Int) async throws(SourceError) -> SourcePage

    /// The first page of an ID-only query (`SELECT Id FROM Opportunity …`), live rows only.
    func queryIDs(_ soql: String, batchSize: Int) async throws(SourceError) -> SourceIDPage

    /// The ID page at `next`.
    func queryMoreIDs(_ next: String, batchSize: Int) async throws(SourceError) -> SourceIDPage

    /// `SELECT COUNT() FROM …`: the number of matching live rows.
    func count(_ soql: String) async throws(SourceError) -> Int

    /// Get Deleted: IDs deleted between `start` and `end`, with the window Salesforce covered.
    func deleted(start: SalesforceTimestamp, end: SalesforceTimestamp) async throws(SourceError) -> SourceDeletions

    /// Creates a Bulk API 2.0 query job (`queryAll` when `includeDeleted`).
    func startBulkQuery(_ soql: String, includeDeleted: Bool) async throws(SourceError) -> SourceBulkJob

    /// Polls a Bulk API 2.0 query job. A job Salesforce no longer knows is `.other("NOT_FOUND", …)`.
    func bulkQueryJob(_ id: String) async throws(SourceError) -> SourceBulkJob

    /// One chunk of a completed job's results, from `locator` (nil: the first chunk).
    func bulkQueryResults(_ id: String, locator: String?, maxRecords: Int) async throws(SourceError) -> SourceBulkChunk

    /// Several independent calls in one round trip (Salesforce's Composite Batch, charged as one
    /// API call). Each part answers or fails on its own; a failure of the whole throws.
    func batch(_ request: SourceBatchRequest) async throws(SourceError) -> SourceBatchResult

    /// Where the records live: the org ID and the instance URL record links are built from.
    func organization() async -> SourceOrganization

    /// The latest `Sforce-Limit-Info` seen (nil before the first call).
    func usage() async -> SourceUsage?

    /// API calls this source has made since it was created (each retry counts).
    func callsMade() async -> Int
}
