import DealdeckCore
import Foundation

/// Salesforce's REST API under `/services/data`: versions, query and queryAll with cursors,
/// sObject describe and records, updated/deleted replication, limits and Bulk API 2.0 query.
///
/// Every call except the version list needs a live bearer session, counts against the daily
/// API limit and carries `Sforce-Limit-Info`. The order of checks is the one a client sees:
/// Lightning host (HTML), version (404), session (401), injected faults, limit (403), then
/// the resource. Errors are always the JSON array `[{"message","errorCode"}]`.
public struct RESTEndpoint: EmulatorEndpoint {
    let services: EmulatorServices
    let engine: OrgQueryEngine
    let cursors: QueryCursorStore
    let bulkJobs: BulkJobStore
    let describeCache: DescribeCache
    /// `EXCEEDED_ID_LIMIT` threshold of `/updated/` and `/deleted/`; tests lower it rather
    /// than build an org of 600,000 records.
    var replicationIDLimit = RESTEndpoint.defaultReplicationIDLimit

    public init(services: EmulatorServices) {
        self.services = services
        engine = OrgQueryEngine(schema: services.org.schema)
        cursors = QueryCursorStore()
        bulkJobs = BulkJobStore()
        describeCache = DescribeCache()
    }

    /// One authenticated request, after the version and session checks.
    struct Call {
        let request: EmulatorRequest
        /// `v62.0` (`latest` resolved).
        let version: String
        let session: EmulatorSession
        /// Path components after the version.
        let resource: [String]

        /// `/services/data/v62.0`
        var base: String { "/services/data/" + version }
    }

    public func respond(to request: EmulatorRequest) async -> EmulatorResponse? {
        let components = request.pathComponents
        guard components.count >= 2, components[0] == "services", components[1] == "data" else { return nil }
        if request.hostRole == .lightning { return .html(200, Self.lightningPage) }
        guard components.count > 2 else { return versions(request) }
        guard let version = APIVersion.resolve(components[2]) else { return SalesforceError.notFound.response }

        let session: EmulatorSession
        switch services.auth.verify(authorization: request.header("authorization")) {
        case .invalid: return SalesforceError.sessionInvalid.response
        case .valid(let valid):
            guard valid.allowsREST else { return SalesforceError.sessionNotForREST.response }
            session = valid
        }

        let fault = services.faults.check(path: request.path)
        if let fault, let failure = Self.failure(for: fault.kind) { return failure }

        let limitHeader: String
        switch services.usage.count() {
        case .exceeded(let used, let limit):
            var response = SalesforceError.totalRequestsExceeded.response
            response.headers.append(("Sforce-Limit-Info", "api-usage=\(used)/\(limit)"))
            return response
        case .counted(let used, let limit):
            limitHeader = "api-usage=\(used)/\(limit)"
        }

        let call = Call(request: request, version: version, session: session, resource: Array(components.dropFirst(3)))
        var response = await route(call)
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

    private func route(_ call: Call) async -> EmulatorResponse {
        let resource = call.resource
        let method = call.request.method
        guard let first = resource.first else {
            return method == "GET" || method == "HEAD" ? resources(call) : SalesforceError.methodNotAllowed(method, allowed: ["GET", "HEAD"]).response
        }
        switch (first, resource.count) {
        case ("query", 1), ("queryAll", 1):
            if let refused = requireGET(call) { return refused }
            return await query(call, includeDeleted: first == "queryAll")
        case ("query", 2), ("queryAll", 2):
            if let refused = requireGET(call) { return refused }
            return await queryPage(call, locator: resource[1])
        case ("sobjects", _):
            return sobjects(call)
        case ("limits", 1):
            return requireGET(call) ?? limits(call)
        case ("limits", 2) where resource[1] == "recordCount":
            return requireGET(call) ?? recordCount(call)
        case ("jobs", _) where resource.count >= 2 && resource[1] == "query":
            return bulk(call)
        default:
            return SalesforceError.notFound.response
        }
    }

    func requireGET(_ call: Call) -> EmulatorResponse? {
        let method = call.request.method
        return method == "GET" || method == "HEAD" ? nil : SalesforceError.methodNotAllowed(method, allowed: ["GET", "HEAD"]).response
    }

    /// `GET /services/data/`: no session needed, not counted, no limit header.
    private func versions(_ request: EmulatorRequest) -> EmulatorResponse {
        var writer = JSONWriter(reservingCapacity: 4096)
        writer.beginArray()
        for number in APIVersion.oldest...APIVersion.newest {
            writer.beginObject()
            writer.field("label", APIVersion.label(number))
            writer.field("url", "/services/data/v\(number).0")
            writer.field("version", "\(number).0")
            writer.endObject()
        }
        writer.endArray()
        return .json(200, writer.bytes)
    }

    /// `GET /services/data/vNN.0/`: the resource map.
    private func resources(_ call: Call) -> EmulatorResponse {
        let names = [
            "tooling", "metadata", "eclair", "folders", "prechatForms", "chatter", "tabs", "appMenu", "quickActions",
            "queryAll", "commerce", "wave", "iot", "analytics", "search", "identity", "composite", "parameterizedSearch",
            "fingerprint", "theme", "nouns", "event", "serviceTemplates", "recent", "connect", "licensing", "limits",
            "process", "async-queries", "query", "jobs", "match", "emailConnect", "compactLayouts", "knowledgeManagement",
            "sobjects", "actions", "support",
        ]
        var writer = JSONWriter(reservingCapacity: 2048)
        writer.beginObject()
        for name in names {
            if name == "identity" {
                let identity = services.urls.loginURL + "/id/" + services.identity.organizationId.rawValue + "/" + call.session.user.id.rawValue
                writer.field(name, identity)
            } else {
                writer.field(name, call.base + "/" + name)
            }
        }
        writer.endObject()
        return .json(200, writer.bytes)
    }

    /// The edge's answer for the Lightning host: its app shell, never API JSON.
    static let lightningPage = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Lightning Experience | Salesforce</title>
        <meta http-equiv="refresh" content="0; url=/one/one.app"></head>
        <body><div id="auraLoadingBox">Loading…</div></body></html>
        """
}
