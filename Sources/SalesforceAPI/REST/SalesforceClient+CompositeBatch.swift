import NIOCore
import NIOHTTP1

/// One sub-request of a Composite Batch: a method and a URL relative to `/services/data`
/// (`v62.0/queryAll?q=…`).
public struct CompositeSubrequest: Sendable, Equatable {
    public var method: String
    public var url: String

    public init(method: String = "GET", url: String) {
        self.method = method
        self.url = url
    }
}

/// One answer of a Composite Batch: the sub-request's HTTP status and its JSON result.
public struct CompositeSubresult: Sendable, Equatable {
    public var statusCode: Int
    public var result: SalesforceValue

    public init(statusCode: Int, result: SalesforceValue) {
        self.statusCode = statusCode
        self.result = result
    }

    public var isSuccess: Bool { (200..<300).contains(statusCode) }

    /// The typed error of a failed sub-request (nil when it succeeded).
    public var error: SalesforceAPIError? {
        guard !isSuccess else { return nil }
        let entries: [SalesforceRecord]
        switch result {
        case .array(let values): entries = values.compactMap(\.recordValue)
        case .object(let record): entries = [record]
        default: entries = []
        }
        guard let first = entries.first, let code = first.string("errorCode") else {
            return .unexpectedStatus(status: statusCode, host: "composite batch")
        }
        let message = first.string("message") ?? ""
        switch code {
        case "REQUEST_LIMIT_EXCEEDED": return .requestLimitExceeded(message)
        case "API_DISABLED_FOR_ORG": return .apiDisabledForOrg(message)
        case "MALFORMED_QUERY": return .malformedQuery(message)
        case "INVALID_FIELD": return .invalidField(message)
        case "QUERY_TIMEOUT": return .queryTimeout(message)
        case "INVALID_QUERY_LOCATOR": return .invalidQueryLocator
        case "NOT_FOUND", "ENTITY_IS_DELETED": return .notFound(errorCode: code, message: message)
        case "INVALID_SESSION_ID": return .sessionExpired
        default: return .api(status: statusCode, errorCode: code, message: message)
        }
    }
}

/// A page of a query that the caller pages through by hand, with an opaque continuation.
public struct ManualQueryPage: Sendable, Equatable {
    public var page: QueryPage
    /// Where the next page is, tied to the session that opened the cursor; nil on the last page.
    public var continuation: String?
}

extension SalesforceClient {
    /// Salesforce's Composite Batch (`POST …/composite/batch`): up to 25 independent requests in
    /// one round trip, charged as one API call. A failure of the batch as a whole (session, limit,
    /// network) throws; each sub-request succeeds or fails on its own in the answer.
    /// Returns the answers in request order, and the session generation that ran them (for
    /// `continuation(of:generation:)`).
    public func compositeBatch(_ subrequests: [CompositeSubrequest], haltOnError: Bool = false) async throws -> (results: [CompositeSubresult], generation: Int) {
        var writer = "{\"batchRequests\":["
        for (index, subrequest) in subrequests.enumerated() {
            if index > 0 { writer += "," }
            writer += "{\"method\":" + Self.jsonString(subrequest.method) + ",\"url\":" + Self.jsonString(subrequest.url) + "}"
        }
        writer += "],\"haltOnError\":\(haltOnError)}"
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        // Only reads are batched here, so sending the batch again after a network failure is safe.
        let sent = try await send(.POST, "\(dataPath)/composite/batch", headers: headers, body: Array(writer.utf8))
        let answer = try Self.object(sent)
        guard let entries = answer["results"]?.arrayValue else {
            throw SalesforceAPIError.malformedResponse("the composite batch answer has no results")
        }
        let results = entries.map { entry -> CompositeSubresult in
            let record = entry.recordValue
            return CompositeSubresult(statusCode: record?.int("statusCode") ?? 0, result: record?["result"] ?? .null)
        }
        guard results.count == subrequests.count else {
            throw SalesforceAPIError.malformedResponse("the composite batch answered \(results.count) of \(subrequests.count) requests")
        }
        return (results, sent.generation)
    }

    /// A sub-request URL for a query (`v62.0/queryAll?q=…`), percent-encoded.
    public nonisolated func compositeQueryURL(_ soql: String, includeDeleted: Bool) -> String {
        "v\(apiVersion)/\(includeDeleted ? "queryAll" : "query")?" + FormEncoding.encode([("q", soql)])
    }

    /// A sub-request URL for any resource under `/services/data/vNN.0/` (`sobjects/Opportunity/describe`),
    /// with its query parameters percent-encoded (a `+` in a timestamp stays a `+`).
    public nonisolated func compositeURL(_ resource: String, query: [(String, String)] = []) -> String {
        "v\(apiVersion)/\(resource)" + (query.isEmpty ? "" : "?" + FormEncoding.encode(query))
    }

    /// The first page of a query, for callers that page by hand (the sync engine checkpoints
    /// between pages and decides itself when to fetch the next).
    public nonisolated func manualQuery(_ soql: String, includeDeleted: Bool, batchSize: Int?) async throws -> ManualQueryPage {
        let fetched = try await firstPage(soql, includeDeleted: includeDeleted, batchSize: batchSize)
        return ManualQueryPage(page: fetched.page, continuation: Self.continuation(of: fetched.page, generation: fetched.generation))
    }

    /// The page at a continuation. If the session was renewed since the query began, its cursor
    /// is gone: throws `queryRestartRequired`, as `QueryPages` does.
    public nonisolated func manualQueryMore(_ continuation: String, batchSize: Int?) async throws -> ManualQueryPage {
        guard let colon = continuation.firstIndex(of: ":"), let generation = Int(continuation[..<colon]) else {
            throw SalesforceAPIError.invalidQueryLocator
        }
        let path = String(continuation[continuation.index(after: colon)...])
        let fetched = try await nextPage(path, batchSize: batchSize, startedAt: generation)
        return ManualQueryPage(page: fetched.page, continuation: Self.continuation(of: fetched.page, generation: fetched.generation))
    }

    /// A query page from a composite sub-result, with its continuation.
    public nonisolated func manualQueryPage(from subresult: CompositeSubresult, generation: Int) throws -> ManualQueryPage {
        if let error = subresult.error { throw error }
        guard let record = subresult.result.recordValue else {
            throw SalesforceAPIError.malformedResponse("a batched query answer is not an object")
        }
        let records = (record["records"]?.arrayValue ?? []).compactMap(\.recordValue)
        let next = record["nextRecordsUrl"]?.stringValue
        let page = QueryPage(
            totalSize: record.int("totalSize") ?? records.count, done: record.bool("done") ?? (next == nil),
            nextRecordsURL: next, records: records)
        return ManualQueryPage(page: page, continuation: Self.continuation(of: page, generation: generation))
    }

    static func continuation(of page: QueryPage, generation: Int) -> String? {
        guard !page.done, let next = page.nextRecordsURL else { return nil }
        return "\(generation):\(next)"
    }
}
