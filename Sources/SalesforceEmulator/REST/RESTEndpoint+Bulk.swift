import DealdeckCore
import Foundation

extension RESTEndpoint {
    /// Rows per results chunk when the client does not pass `maxRecords`.
    static let defaultBulkChunk = 50_000

    /// `/jobs/query[/<id>[/results]]`.
    func bulk(_ call: Call) -> EmulatorResponse {
        let resource = call.resource
        let method = call.request.method
        switch resource.count {
        case 2:
            if method == "POST" { return createBulkJob(call) }
            return requireGET(call) ?? listBulkJobs(call)
        case 3, 4:
            guard let id = SalesforceID(resource[2]), id.keyPrefix == "750", let job = bulkJobs.job(id) else {
                return SalesforceError.notFound.response
            }
            if resource.count == 4 {
                guard resource[3] == "results" else { return SalesforceError.notFound.response }
                return requireGET(call) ?? bulkResults(call, job: job)
            }
            switch method {
            case "GET", "HEAD":
                guard let polled = bulkJobs.poll(id, now: services.clock.now()) else { return SalesforceError.notFound.response }
                return Self.jobInfo(polled, detailed: true)
            case "PATCH":
                return abortBulkJob(call, job: job)
            case "DELETE":
                bulkJobs.remove(id)
                return EmulatorResponse(status: 204)
            default:
                return SalesforceError.methodNotAllowed(method, allowed: ["GET", "PATCH", "DELETE"]).response
            }
        default:
            return SalesforceError.notFound.response
        }
    }

    private static func jobInfo(_ job: BulkQueryJob, detailed: Bool) -> EmulatorResponse {
        var writer = JSONWriter(reservingCapacity: 512)
        job.write(into: &writer, detailed: detailed)
        return .json(200, writer.bytes)
    }

    private static func invalidJob(_ message: String) -> EmulatorResponse {
        SalesforceError(status: 400, errorCode: "INVALIDJOB", message: message).response
    }

    /// `POST /jobs/query`.
    private func createBulkJob(_ call: Call) -> EmulatorResponse {
        let body: JSONValue
        do {
            body = try JSONParser.parse(call.request.body)
        } catch {
            return SalesforceError.jsonParser(error.message).response
        }
        guard case .object = body else { return Self.invalidJob("The request body must be a JSON object.") }
        let operation = body["operation"]?.stringValue ?? "query"
        guard operation == "query" || operation == "queryAll" else {
            return Self.invalidJob("Invalid operation: \(operation). Bulk API 2.0 query jobs support query and queryAll.")
        }
        guard let text = body["query"]?.stringValue, !text.trimmingWhitespace().isEmpty else {
            return Self.invalidJob("The query field is required.")
        }
        if let contentType = body["contentType"]?.stringValue, contentType != "CSV" {
            return Self.invalidJob("Invalid contentType: \(contentType). Only CSV is supported.")
        }
        let delimiter = body["columnDelimiter"]?.stringValue ?? "COMMA"
        guard BulkQueryJob.delimiters.contains(delimiter) else { return Self.invalidJob("Invalid columnDelimiter: \(delimiter)") }
        let lineEnding = body["lineEnding"]?.stringValue ?? "LF"
        guard lineEnding == "LF" || lineEnding == "CRLF" else { return Self.invalidJob("Invalid lineEnding: \(lineEnding)") }

        let resolved: SOQLResolvedQuery
        do {
            resolved = try engine.resolve(text)
        } catch {
            return SalesforceError(status: 400, errorCode: error.errorCode, message: error.message).response
        }
        guard case .fields(let fields) = resolved.selection else {
            return Self.invalidJob("Aggregate queries (COUNT) are not supported by Bulk API 2.0.")
        }
        guard resolved.offset == nil else { return Self.invalidJob("The OFFSET clause is not supported by Bulk API 2.0.") }

        let now = services.clock.now()
        let snapshot = services.org.snapshot()
        guard let outcome = engine.run(resolved, on: snapshot, includeDeleted: operation == "queryAll", now: now) else {
            return SalesforceError(status: 400, errorCode: "INVALIDENTITY", message: "Entity '\(resolved.objectName)' is not supported by the Bulk API.").response
        }
        let paths = fields.map(\.path.components)
        let job = BulkQueryJob(
            id: bulkJobs.nextID(), operation: operation, object: outcome.type.name, createdById: call.session.user.id,
            createdDate: now, systemModstamp: now, state: .uploadComplete, version: call.version,
            columnDelimiter: delimiter, lineEnding: lineEnding, rows: outcome.rows, paths: paths,
            header: RecordLayout.csvHeader(for: paths, schema: engine.schema, type: outcome.type),
            parents: snapshot.parentsOnly)
        bulkJobs.add(job)
        services.usage.countBulkJob()
        return Self.jobInfo(job, detailed: false)
    }

    /// `GET /jobs/query`: every job, one page.
    private func listBulkJobs(_ call: Call) -> EmulatorResponse {
        var writer = JSONWriter(reservingCapacity: 2048)
        writer.beginObject()
        writer.field("done", true)
        writer.key("records")
        writer.beginArray()
        for job in bulkJobs.all { job.write(into: &writer, detailed: true) }
        writer.endArray()
        writer.field("nextRecordsUrl", nil)
        writer.endObject()
        return .json(200, writer.bytes)
    }

    /// `PATCH /jobs/query/<id>` with `{"state":"Aborted"}`: 200 with the job info.
    private func abortBulkJob(_ call: Call, job: BulkQueryJob) -> EmulatorResponse {
        let body: JSONValue
        do {
            body = try JSONParser.parse(call.request.body)
        } catch {
            return SalesforceError.jsonParser(error.message).response
        }
        guard body["state"]?.stringValue == "Aborted" else {
            return SalesforceError(status: 400, errorCode: "INVALIDJOBSTATE", message: "Invalid state. Only Aborted is allowed for query jobs.").response
        }
        guard job.state == .uploadComplete || job.state == .inProgress else {
            return SalesforceError(status: 400, errorCode: "INVALIDJOBSTATE", message: "Aborting an already \(job.state.rawValue) job is not allowed.").response
        }
        let now = services.clock.now()
        guard let aborted = bulkJobs.update(job.id, { $0.state = .aborted; $0.systemModstamp = now }) else {
            return SalesforceError.notFound.response
        }
        return Self.jobInfo(aborted, detailed: false)
    }

    /// `GET /jobs/query/<id>/results?locator=&maxRecords=`: one CSV chunk.
    private func bulkResults(_ call: Call, job: BulkQueryJob) -> EmulatorResponse {
        guard call.version == job.version else {
            return SalesforceError(status: 409, errorCode: "API_VERSION_MISMATCH", message: "The job was created with API version \(job.version); use the same version for its results.").response
        }
        switch job.state {
        case .jobComplete: break
        case .aborted, .failed:
            return SalesforceError(status: 400, errorCode: "INVALIDJOBSTATE", message: "The job is \(job.state.rawValue); it has no results.").response
        case .uploadComplete, .inProgress:
            return SalesforceError(status: 412, errorCode: "JOB_NOT_COMPLETE", message: "Results are not available until the job is complete.").response
        }
        let parameters = call.request.queryParameters
        var offset = 0
        if let locator = parameters["locator"], !locator.isEmpty, locator != "null" {
            guard let decoded = Self.decodeLocator(locator), decoded >= 0, decoded <= job.rows.count else {
                return SalesforceError(status: 400, errorCode: "INVALID_LOCATOR", message: "Invalid locator: \(locator)").response
            }
            offset = decoded
        }
        var chunk = Self.defaultBulkChunk
        if let text = parameters["maxRecords"] {
            guard let value = Int(text), value > 0 else {
                return SalesforceError(status: 400, errorCode: "INVALIDREQUEST", message: "maxRecords must be a positive integer").response
            }
            chunk = value
        }
        let end = min(job.rows.count, offset + chunk)
        var writer = BulkCSVWriter(
            columns: BulkCSVWriter.columns(job.paths, of: job.object, schema: engine.schema), delimiter: job.delimiterByte, newline: job.lineEnding == "CRLF" ? [13, 10] : [10],
            parents: job.parents, expectedRows: end - offset)
        writer.appendHeader(job.header)
        job.rows.forEach(in: offset..<end) { writer.append($0) }
        let bytes = writer.bytes
        var response = EmulatorResponse(status: 200, headers: [("Content-Type", "text/csv")], body: bytes)
        response.headers.append(("Sforce-NumberOfRecords", String(end - offset)))
        response.headers.append(("Sforce-Locator", end < job.rows.count ? Self.encodeLocator(end) : "null"))
        return response
    }

    /// Locators are the base64 of the next row offset without padding, like Salesforce's
    /// `MTAwMDA` (for "10000").
    static func encodeLocator(_ offset: Int) -> String {
        Data(String(offset).utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func decodeLocator(_ locator: String) -> Int? {
        var padded = locator
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded) else { return nil }
        return Int(String(decoding: data, as: UTF8.self))
    }
}
