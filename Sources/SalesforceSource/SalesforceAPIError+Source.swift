import SalesforceAPI
import SyncEngine

extension SalesforceAPIError {
    /// The error in the sync engine's terms. The client has already retried what retrying can
    /// fix (5xx, HTML pages, timeouts, one session renewal).
    var sourceError: SourceError {
        switch self {
        case .requestLimitExceeded(let message):
            return .rateLimited(message)
        case .queryRestartRequired:
            return .restartRequired
        case .invalidQueryLocator:
            return .invalidQueryLocator
        case .invalidField(let message):
            return .other(code: "INVALID_FIELD", message: message)
        case .queryTimeout(let message):
            return .other(code: "QUERY_TIMEOUT", message: message)
        case .malformedQuery(let message):
            return .other(code: "MALFORMED_QUERY", message: message)
        case .apiDisabledForOrg(let message):
            return .other(code: "API_DISABLED_FOR_ORG", message: message)
        case .notFound(_, let message):
            return .other(code: "NOT_FOUND", message: message)
        case .api(_, let code, let message):
            return .other(code: code, message: message)
        case .htmlResponse(let status, _) where status >= 500:
            // A maintenance page that outlasted the retries: Salesforce is down, not misconfigured.
            return .network(description)
        default:
            switch category {
            case .signInNeeded: return .signInNeeded(description)
            case .rateLimited: return .rateLimited(description)
            case .network: return .network(description)
            case .configuration, .other: return .other(code: cause, message: description)
            }
        }
    }
}
