/// A Salesforce REST error: the HTTP status plus the one-element JSON array body
/// `[{"message":…,"errorCode":…}]`, with `"fields"` for DML errors (spec §3.1).
public struct SalesforceError: Error, Sendable, Equatable {
    public var status: Int
    public var errorCode: String
    public var message: String
    /// Field names for DML errors; nil leaves the key out.
    public var fields: [String]?

    public init(status: Int, errorCode: String, message: String, fields: [String]? = nil) {
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.fields = fields
    }

    /// The error as a JSON array body.
    public var body: [UInt8] {
        var writer = JSONWriter(reservingCapacity: 128 + message.utf8.count)
        writer.beginArray()
        writer.beginObject()
        writer.field("message", message)
        writer.field("errorCode", errorCode)
        if let fields {
            writer.key("fields")
            writer.beginArray()
            for field in fields { writer.string(field) }
            writer.endArray()
        }
        writer.endObject()
        writer.endArray()
        return writer.bytes
    }

    public var response: EmulatorResponse { .json(status, body) }
}

extension SalesforceError {
    static let sessionInvalid = SalesforceError(status: 401, errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid")
    static let sessionNotForREST = SalesforceError(
        status: 401, errorCode: "INVALID_SESSION_ID", message: "This session is not valid for use with the REST API")
    static let notFound = SalesforceError(status: 404, errorCode: "NOT_FOUND", message: "The requested resource does not exist")
    static let totalRequestsExceeded = SalesforceError(status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded.")
    static let concurrentRequestsExceeded = SalesforceError(
        status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "ConcurrentRequests (Concurrent API Requests) Limit exceeded.")
    static let apiDisabled = SalesforceError(status: 403, errorCode: "API_DISABLED_FOR_ORG", message: "The REST API is not enabled for this Organization.")
    static let queryTimeout = SalesforceError(status: 400, errorCode: "QUERY_TIMEOUT", message: "Your query request was running for too long.")
    static let serverUnavailable = SalesforceError(status: 503, errorCode: "SERVER_UNAVAILABLE", message: "Server Unavailable")
    static let invalidQueryLocator = SalesforceError(status: 400, errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator")

    static func methodNotAllowed(_ method: String, allowed: [String]) -> SalesforceError {
        SalesforceError(
            status: 405, errorCode: "METHOD_NOT_ALLOWED",
            message: "HTTP Method '\(method)' not allowed. Allowed are \(allowed.joined(separator: ","))")
    }

    static func jsonParser(_ message: String) -> SalesforceError {
        SalesforceError(status: 400, errorCode: "JSON_PARSER_ERROR", message: message)
    }
}
