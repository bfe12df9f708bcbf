import NIOCore
import NIOHTTP1

extension SalesforceClient {
    /// Creates a Bulk API 2.0 query job (CSV, comma, LF). Salesforce runs it asynchronously;
    /// wait for it with `waitForQueryJob`.
    public func createQueryJob(_ soql: String, operation: BulkQueryJob.Operation = .query) async throws -> BulkQueryJob {
        var body = "{\"operation\":\"\(operation.rawValue)\",\"query\":"
        body += Self.jsonString(soql)
        body += ",\"contentType\":\"CSV\",\"columnDelimiter\":\"COMMA\",\"lineEnding\":\"LF\"}"
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        // Not repeated after a network failure: the job may exist already, and a second one
        // would spend another of the org's daily Bulk jobs.
        let sent = try await send(.POST, "\(dataPath)/jobs/query", headers: headers, body: Array(body.utf8), repeatable: false)
        return try Self.job(sent)
    }

    /// The job's current status.
    public func queryJob(_ id: String) async throws -> BulkQueryJob {
        try Self.job(try await send(.GET, "\(dataPath)/jobs/query/\(FormEncoding.component(id))"))
    }

    /// Polls until the job completes; throws `bulkJobFailed` when it fails or is aborted, and
    /// `bulkJobTimedOut` after `timeout`. The wait uses the retry policy's sleep (instant in tests).
    public func waitForQueryJob(_ id: String, pollInterval: Duration = .seconds(1), timeout: Duration = .seconds(1800)) async throws -> BulkQueryJob {
        var waited = Duration.zero
        var interval = pollInterval
        while true {
            let job = try await queryJob(id)
            if job.isComplete { return job }
            if job.hasFailed { throw SalesforceAPIError.bulkJobFailed(id: id, state: job.state, message: job.errorMessage) }
            guard waited < timeout else { throw SalesforceAPIError.bulkJobTimedOut(id: id) }
            try await executor.retry.sleep(interval)
            waited += interval
            // Airbyte polls at 0.5–2 s; grow slowly up to 10 s so a long job costs few calls.
            interval = min(interval * 2, .seconds(10))
        }
    }

    /// One chunk of CSV results; pass the previous chunk's `locator` for the next one.
    public func queryJobResults(_ id: String, locator: String? = nil, maxRecords: Int? = nil) async throws -> BulkResultChunk {
        let (records, next) = try await queryJobResults(id, locator: locator, maxRecords: maxRecords) { bytes in
            try CSVReader.records(bytes)
        }
        let columns = records.first.map { $0.map { $0 ?? "" } } ?? []
        return BulkResultChunk(columns: columns, rows: Array(records.dropFirst()), locator: next)
    }

    /// One chunk of CSV results handed to `read` as the response's bytes (for a reader that
    /// scans them with `CSVReader.scan` into its own form rather than into strings), with the
    /// next chunk's locator. `read` runs off the client's actor, so other calls (the next
    /// chunk's request) need not wait for it.
    ///
    /// - Throws: `malformedResponse` when `read` throws `CSVReader.Failure`; what else it throws.
    public nonisolated func queryJobResults<Rows: Sendable>(
        _ id: String, locator: String? = nil, maxRecords: Int? = nil, reading read: @Sendable (UnsafeRawBufferPointer) throws -> Rows
    ) async throws -> (rows: Rows, locator: String?) {
        let (body, next) = try await queryJobResultBody(id, locator: locator, maxRecords: maxRecords)
        return (try Self.readCSV(body, with: read), next)
    }

    /// One chunk of CSV results as the response's body, undecoded, with the next chunk's
    /// locator: for a caller that asks for the next chunk before it decodes this one (see
    /// `readCSV(_:with:)`).
    public func queryJobResultBody(_ id: String, locator: String? = nil, maxRecords: Int? = nil) async throws -> (body: ByteBuffer, locator: String?) {
        var query: [(String, String)] = []
        if let locator { query.append(("locator", locator)) }
        if let maxRecords { query.append(("maxRecords", String(maxRecords))) }
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "text/csv")
        let sent = try await send(.GET, "\(dataPath)/jobs/query/\(FormEncoding.component(id))/results", query: query, headers: headers)
        let next = sent.response.headers.first(name: "sforce-locator").flatMap { $0.isEmpty || $0 == "null" ? nil : $0 }
        return (sent.response.body, next)
    }

    /// Decodes a chunk's CSV body with `read`.
    ///
    /// - Throws: `malformedResponse` when `read` throws `CSVReader.Failure`; what else it throws.
    public static func readCSV<Rows>(_ body: ByteBuffer, with read: (UnsafeRawBufferPointer) throws -> Rows) throws -> Rows {
        do {
            return try body.withUnsafeReadableBytes { bytes in try read(bytes) }
        } catch let error as CSVReader.Failure {
            throw SalesforceAPIError.malformedResponse("the Bulk API results are not valid CSV (line \(error.line): \(error.message))")
        }
    }

    /// Every chunk of a completed job's results, in order.
    public nonisolated func queryJobResultChunks(_ id: String, maxRecords: Int? = nil) -> BulkResultChunks {
        BulkResultChunks(client: self, jobID: id, maxRecords: maxRecords)
    }

    /// Aborts a job that is still running.
    @discardableResult
    public func abortQueryJob(_ id: String) async throws -> BulkQueryJob {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let sent = try await send(
            .PATCH, "\(dataPath)/jobs/query/\(FormEncoding.component(id))", headers: headers, body: Array("{\"state\":\"Aborted\"}".utf8))
        return try Self.job(sent)
    }

    /// Deletes a job and its results.
    public func deleteQueryJob(_ id: String) async throws {
        _ = try await send(.DELETE, "\(dataPath)/jobs/query/\(FormEncoding.component(id))")
    }

    static func job(_ sent: Sent) throws -> BulkQueryJob {
        guard let job = BulkQueryJob(try object(sent)) else {
            throw SalesforceAPIError.malformedResponse("the Bulk API job answer lacks id or state")
        }
        return job
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
