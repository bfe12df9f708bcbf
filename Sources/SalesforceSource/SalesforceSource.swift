import DealdeckCore
import Foundation
import SalesforceAPI
import SyncEngine

/// The live `OpportunitySource`: SalesforceAPI's client, with records mapped to `Opportunity`
/// values and API errors to `SourceError`. The client renews sessions, retries transient
/// failures with backoff, and counts calls and `Sforce-Limit-Info`; this type only translates.
public struct SalesforceSource: OpportunitySource {
    public let client: SalesforceClient

    public init(client: SalesforceClient) {
        self.client = client
    }

    public func describe() async throws(SourceError) -> SourceSchema {
        let description = try await call { try await client.describe(sObject: "Opportunity") }
        return SourceSchema(fields: description.fieldNames, multiCurrency: description.hasCurrencyIsoCode)
    }

    public func query(_ soql: String, includeDeleted: Bool, batchSize: Int) async throws(SourceError) -> SourcePage {
        let page = try await call { try await client.manualQuery(soql, includeDeleted: includeDeleted, batchSize: batchSize) }
        return try Self.page(page)
    }

    public func queryMore(_ next: String, batchSize: Int) async throws(SourceError) -> SourcePage {
        let page = try await call { try await client.manualQueryMore(next, batchSize: batchSize) }
        return try Self.page(page)
    }

    public func queryIDs(_ soql: String, batchSize: Int) async throws(SourceError) -> SourceIDPage {
        let page = try await call { try await client.manualQuery(soql, includeDeleted: false, batchSize: batchSize) }
        return Self.idPage(page)
    }

    public func queryMoreIDs(_ next: String, batchSize: Int) async throws(SourceError) -> SourceIDPage {
        let page = try await call { try await client.manualQueryMore(next, batchSize: batchSize) }
        return Self.idPage(page)
    }

    public func count(_ soql: String) async throws(SourceError) -> Int {
        try await call { try await client.count(soql) }
    }

    public func deleted(start: SalesforceTimestamp, end: SalesforceTimestamp) async throws(SourceError) -> SourceDeletions {
        let answer = try await call { try await client.deleted(sObject: "Opportunity", start: start, end: end) }
        return SourceDeletions(
            ids: answer.records.map(\.id), earliestDateAvailable: answer.earliestDateAvailable, latestDateCovered: answer.latestDateCovered)
    }

    public func startBulkQuery(_ soql: String, includeDeleted: Bool) async throws(SourceError) -> SourceBulkJob {
        let job = try await call { try await client.createQueryJob(soql, operation: includeDeleted ? .queryAll : .query) }
        return Self.job(job)
    }

    public func bulkQueryJob(_ id: String) async throws(SourceError) -> SourceBulkJob {
        Self.job(try await call { try await client.queryJob(id) })
    }

    public func bulkQueryResults(_ id: String, locator: String?, maxRecords: Int) async throws(SourceError) -> SourceBulkChunk {
        let chunk = try await call { try await client.queryJobResultBody(id, locator: locator, maxRecords: maxRecords) }
        return SourceBulkChunk(nextLocator: chunk.locator) { () throws(SourceError) in
            try Self.translating { try SalesforceClient.readCSV(chunk.body, with: OpportunityCSVRows.read) }
        }
    }

    public func organization() async -> SourceOrganization {
        let session = await client.currentSession
        return SourceOrganization(orgId: session.organizationId, instanceURL: session.instanceURL)
    }

    public func usage() async -> SourceUsage? {
        client.apiUsage.map { SourceUsage(used: $0.used, max: $0.limit) }
    }

    public func callsMade() async -> Int {
        client.apiCallCount
    }

    // MARK: - Translation

    /// Runs a client call, translating its errors.
    func call<T: Sendable>(_ body: () async throws -> T) async throws(SourceError) -> T {
        do {
            return try await body()
        } catch {
            throw Self.translate(error)
        }
    }

    /// Runs client work that needs no round trip (decoding an answer), translating its errors.
    static func translating<T>(_ body: () throws -> T) throws(SourceError) -> T {
        do {
            return try body()
        } catch {
            throw translate(error)
        }
    }

    static func translate(_ error: any Error) -> SourceError {
        switch error {
        case let error as SalesforceAPIError: return error.sourceError
        case is CancellationError: return .cancelled
        case let error as SourceError: return error
        default: return .network(String(describing: error))
        }
    }

    static func page(_ manual: ManualQueryPage) throws(SourceError) -> SourcePage {
        SourcePage(
            records: try OpportunityRecordMapping.map(manual.page.records), totalSize: manual.page.totalSize, nextPage: manual.continuation)
    }

    static func idPage(_ manual: ManualQueryPage) -> SourceIDPage {
        SourceIDPage(ids: manual.page.records.compactMap(\.id), totalSize: manual.page.totalSize, nextPage: manual.continuation)
    }

    static func job(_ job: BulkQueryJob) -> SourceBulkJob {
        let state: SourceBulkJob.State = job.isComplete ? .complete : job.hasFailed ? .failed : .inProgress
        return SourceBulkJob(id: job.id, state: state, errorMessage: job.errorMessage)
    }
}
