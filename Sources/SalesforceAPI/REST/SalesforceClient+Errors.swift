import NIOCore

extension SalesforceClient {
    /// One entry of a REST error body: `[{"message": …, "errorCode": …}]`.
    struct RESTErrorEntry: Sendable, Equatable {
        var errorCode: String
        var message: String
    }

    /// The entries of a REST error body (an array, or a single object some endpoints send).
    static func restErrors(_ response: TransportResponse) -> [RESTErrorEntry] {
        guard !response.isHTML,
            let value = try? response.body.withUnsafeReadableBytes({ bytes in try JSONScanner.parse(bytes) })
        else { return [] }
        let objects: [SalesforceRecord]
        switch value {
        case .array(let values): objects = values.compactMap(\.recordValue)
        case .object(let record): objects = [record]
        default: objects = []
        }
        return objects.compactMap { object in
            guard let code = object.string("errorCode") ?? object.string("error") else { return nil }
            return RESTErrorEntry(errorCode: code, message: object.string("message") ?? object.string("error_description") ?? "")
        }
    }

    /// The typed error for a REST answer that was not a success.
    static func error(for response: TransportResponse, host: String) -> SalesforceAPIError {
        if response.isHTML { return .htmlResponse(status: response.status, host: host) }
        guard let first = restErrors(response).first else {
            if RetryPolicy.isTransient(status: response.status) { return .serverUnavailable(status: response.status, host: host) }
            return .unexpectedStatus(status: response.status, host: host)
        }
        switch first.errorCode {
        case "REQUEST_LIMIT_EXCEEDED": return .requestLimitExceeded(first.message)
        case "API_DISABLED_FOR_ORG": return .apiDisabledForOrg(first.message)
        case "MALFORMED_QUERY": return .malformedQuery(first.message)
        case "INVALID_FIELD": return .invalidField(first.message)
        case "QUERY_TIMEOUT": return .queryTimeout(first.message)
        case "INVALID_QUERY_LOCATOR": return .invalidQueryLocator
        case "NOT_FOUND", "ENTITY_IS_DELETED": return .notFound(errorCode: first.errorCode, message: first.message)
        case "INVALID_SESSION_ID": return .sessionExpired
        default:
            if RetryPolicy.isTransient(status: response.status) { return .serverUnavailable(status: response.status, host: host) }
            return .api(status: response.status, errorCode: first.errorCode, message: first.message)
        }
    }
}
