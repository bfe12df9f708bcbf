import DealdeckCore

/// `POST /services/data/vNN.0/composite/batch`: up to 25 independent sub-requests in one
/// round trip, which Salesforce charges as **one** API call.
///
/// Request: `{"batchRequests":[{"method":"GET","url":"v62.0/queryAll?q=…"},…],"haltOnError":false}`.
/// Response (always 200 once the batch itself is accepted):
/// `{"hasErrors":false,"results":[{"statusCode":200,"result":<the sub-response's JSON>},…]}`.
/// A failed sub-request keeps its status and error array; with `haltOnError` the ones after
/// it get 412 `BATCH_PROCESSING_HALTED`.
///
/// The batch is checked once like any REST call (version, session, injected faults, limit) and
/// its sub-requests then run through the REST endpoint without being charged or faulted again.
/// They share the REST endpoint's cursors, so a sub-query's `nextRecordsUrl` pages on normally.
/// Everything that is not a batch goes to the wrapped REST endpoint unchanged.
struct CompositeBatchEndpoint: EmulatorEndpoint {
    /// Salesforce's cap on sub-requests per batch.
    static let maximumSubrequests = 25

    let rest: RESTEndpoint
    /// The REST endpoint as sub-requests see it: same org, cursors and jobs; no metering, no faults.
    let subrequests: RESTEndpoint
    let services: EmulatorServices

    init(rest: RESTEndpoint, services: EmulatorServices) {
        self.rest = rest
        self.services = services
        let unmetered = EmulatorServices(
            configuration: services.configuration, credentials: services.credentials, identity: services.identity,
            clock: services.clock, auth: services.auth, org: services.org,
            usage: APIUsageMeter(dailyLimit: Int.max, clock: services.clock), faults: FaultInjector(), urls: services.urls)
        subrequests = RESTEndpoint(sharingStateOf: rest, services: unmetered)
    }

    func respond(to request: EmulatorRequest) async -> EmulatorResponse? {
        let components = request.pathComponents
        guard components.count == 5, components[0] == "services", components[1] == "data",
            components[3] == "composite", components[4] == "batch", request.hostRole != .lightning
        else { return await rest.respond(to: request) }
        guard let version = APIVersion.resolve(components[2]) else { return SalesforceError.notFound.response }

        switch services.auth.verify(authorization: request.header("authorization")) {
        case .invalid: return SalesforceError.sessionInvalid.response
        case .valid(let session):
            guard session.allowsREST else { return SalesforceError.sessionNotForREST.response }
        }
        let fault = services.faults.check(path: request.path)
        if let fault, let failure = RESTEndpoint.failure(for: fault.kind) { return failure }
        let limitHeader: String
        switch services.usage.count() {
        case .exceeded(let used, let limit):
            var response = SalesforceError.totalRequestsExceeded.response
            response.headers.append(("Sforce-Limit-Info", "api-usage=\(used)/\(limit)"))
            return response
        case .counted(let used, let limit):
            limitHeader = "api-usage=\(used)/\(limit)"
        }

        var response = await batch(request, version: version)
        response.headers.append(("Sforce-Limit-Info", limitHeader))
        if let fault {
            switch fault.kind {
            case .slow: response.delaySeconds = fault.delaySeconds
            case .truncated: response.truncatedAfterBytes = fault.truncateAfterBytes
            default: break
            }
        }
        return response
    }

    private func batch(_ request: EmulatorRequest, version: String) async -> EmulatorResponse {
        guard request.method == "POST" else { return SalesforceError.methodNotAllowed(request.method, allowed: ["POST"]).response }
        let body: JSONValue
        do {
            body = try JSONParser.parse(request.body)
        } catch {
            return SalesforceError.jsonParser(error.message).response
        }
        guard case .array(let entries)? = body["batchRequests"], !entries.isEmpty else {
            return SalesforceError(status: 400, errorCode: "INVALID_BATCH_REQUEST", message: "batchRequests is required and must not be empty").response
        }
        guard entries.count <= Self.maximumSubrequests else {
            return SalesforceError(
                status: 400, errorCode: "INVALID_BATCH_REQUEST",
                message: "A batch can contain at most \(Self.maximumSubrequests) requests; this one has \(entries.count)").response
        }
        let haltOnError = body["haltOnError"]?.boolValue ?? false

        var writer = JSONWriter(reservingCapacity: 4096)
        var results: [(status: Int, body: [UInt8])] = []
        var halted = false
        for entry in entries {
            if halted {
                results.append((412, SalesforceError(status: 412, errorCode: "BATCH_PROCESSING_HALTED", message: "Batch processing halted per request").body))
                continue
            }
            let result = await subrequest(entry, of: request, version: version)
            results.append(result)
            if result.status >= 400 && haltOnError { halted = true }
        }
        writer.beginObject()
        writer.field("hasErrors", results.contains { $0.status >= 400 })
        writer.key("results")
        writer.beginArray()
        for result in results {
            writer.beginObject()
            writer.field("statusCode", result.status)
            writer.key("result")
            if result.body.isEmpty { writer.null() } else { writer.raw(result.body) }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return .json(200, writer.bytes)
    }

    /// Runs one sub-request through the unmetered REST endpoint and returns its status and JSON.
    private func subrequest(_ entry: JSONValue, of outer: EmulatorRequest, version: String) async -> (status: Int, body: [UInt8]) {
        guard let method = entry["method"]?.stringValue?.uppercased(), let url = entry["url"]?.stringValue else {
            let error = SalesforceError(status: 400, errorCode: "INVALID_BATCH_REQUEST", message: "Each batch request needs a method and a url")
            return (error.status, error.body)
        }
        guard method == "GET" || method == "PATCH" || method == "POST" || method == "DELETE" else {
            let error = SalesforceError.methodNotAllowed(method, allowed: ["GET", "PATCH", "POST", "DELETE"])
            return (error.status, error.body)
        }
        // Sub-request URLs are relative to /services/data ("v62.0/query?q=…"); the absolute form works too.
        var target = url
        if target.hasPrefix("/services/data/") { target.removeFirst("/services/data/".count) }
        if target.hasPrefix("/") { target.removeFirst() }
        let path: String
        let rawQuery: String
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            rawQuery = String(target[target.index(after: mark)...])
        } else {
            path = target
            rawQuery = ""
        }
        var body: [UInt8] = []
        if let richInput = entry["richInput"] {
            var writer = JSONWriter(reservingCapacity: 256)
            Self.write(richInput, to: &writer)
            body = writer.bytes
        }
        let inner = EmulatorRequest(
            method: method, path: "/services/data/" + FormURLEncoding.percentDecode(path), rawQuery: rawQuery,
            headers: outer.headers, body: body, remoteAddress: outer.remoteAddress)
        guard let response = await subrequests.respond(to: inner) else {
            return (404, SalesforceError.notFound.body)
        }
        let isJSON = response.header("Content-Type")?.hasPrefix("application/json") ?? false
        if response.body.isEmpty || isJSON { return (response.status, response.body) }
        // A non-JSON sub-response (CSV, HTML) travels as a JSON string, as Salesforce does.
        var writer = JSONWriter(reservingCapacity: response.body.count + 16)
        writer.string(String(decoding: response.body, as: UTF8.self))
        return (response.status, writer.bytes)
    }

    /// Re-serialises a parsed JSON value (for `richInput` bodies).
    private static func write(_ value: JSONValue, to writer: inout JSONWriter) {
        switch value {
        case .null: writer.null()
        case .bool(let flag): writer.bool(flag)
        case .number(let text): writer.rawNumber(text)
        case .string(let text): writer.string(text)
        case .array(let items):
            writer.beginArray()
            for item in items { write(item, to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.name)
                write(member.value, to: &writer)
            }
            writer.endObject()
        }
    }
}

extension RESTEndpoint {
    /// A second face of `parent` for batch sub-requests: the same query engine, cursors, bulk
    /// jobs and describe cache, over `services` whose meter and fault injector are its own.
    ///
    /// Lives here, not in RESTEndpoint.swift, because only the batch needs it; if RESTEndpoint
    /// gains a stored property this initializer stops compiling, which is the reminder to share it.
    init(sharingStateOf parent: RESTEndpoint, services: EmulatorServices) {
        self.services = services
        engine = parent.engine
        cursors = parent.cursors
        bulkJobs = parent.bulkJobs
        describeCache = parent.describeCache
    }
}
