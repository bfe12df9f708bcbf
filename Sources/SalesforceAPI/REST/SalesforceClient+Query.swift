import NIOHTTP1

extension SalesforceClient {
    /// Runs a SOQL query; its pages follow `nextRecordsUrl`. `batchSize` (200–2000) is a hint
    /// sent as `Sforce-Query-Options`; Salesforce may return fewer rows per page.
    public nonisolated func query(_ soql: String, batchSize: Int? = nil) -> QueryPages {
        QueryPages(client: self, soql: soql, includeDeleted: false, batchSize: batchSize)
    }

    /// Like `query`, including records in the recycle bin (`IsDeleted = true`) and merged ones.
    public nonisolated func queryAll(_ soql: String, batchSize: Int? = nil) -> QueryPages {
        QueryPages(client: self, soql: soql, includeDeleted: true, batchSize: batchSize)
    }

    /// The number of rows a query matches: `SELECT COUNT() FROM Opportunity WHERE …`.
    public func count(_ soql: String) async throws -> Int {
        try await firstPage(soql, includeDeleted: false, batchSize: nil).page.totalSize
    }

    /// Every record of a (small) query, all pages collected.
    public func records(_ soql: String) async throws -> [SalesforceRecord] {
        var records: [SalesforceRecord] = []
        for try await page in query(soql) { records.append(contentsOf: page.records) }
        return records
    }

    struct FetchedPage: Sendable {
        var page: QueryPage
        var generation: Int
    }

    // Nonisolated so that parsing a page happens off the actor, in parallel with other requests.
    nonisolated func firstPage(_ soql: String, includeDeleted: Bool, batchSize: Int?) async throws -> FetchedPage {
        let sent = try await send(
            .GET, dataPath + (includeDeleted ? "/queryAll" : "/query"), query: [("q", soql)], headers: Self.queryHeaders(batchSize))
        return FetchedPage(page: try QueryPage.parse(sent.response.body), generation: sent.generation)
    }

    nonisolated func nextPage(_ path: String, batchSize: Int?, startedAt generation: Int) async throws -> FetchedPage {
        let sent = try await send(.GET, path, headers: Self.queryHeaders(batchSize), pagingFrom: generation)
        return FetchedPage(page: try QueryPage.parse(sent.response.body), generation: sent.generation)
    }

    static func queryHeaders(_ batchSize: Int?) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let batchSize { headers.add(name: "Sforce-Query-Options", value: "batchSize=\(batchSize)") }
        return headers
    }
}
