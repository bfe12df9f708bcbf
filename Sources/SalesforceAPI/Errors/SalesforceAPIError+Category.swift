import DealdeckCore

extension SalesforceAPIError {
    /// What kind of trouble this is, for exit codes and for the sync engine.
    public enum Category: Sendable, Equatable {
        /// Tokens are missing, expired or revoked: the user must sign in.
        case signInNeeded
        case rateLimited
        /// Salesforce could not be reached, or is down.
        case network
        /// A setting the user gave is wrong (a URL, a missing key).
        case configuration
        case other
    }

    public var category: Category {
        switch self {
        case .invalidURL, .insecureURL, .lightningURL, .clientCredentialsNeedMyDomain, .missingConsumerSecret, .missingConsumerKey,
            .missingUsername:
            return .configuration
        case .oauth(let failure):
            return failure.isExpiredToken || failure.isInactiveUser ? .signInNeeded : .other
        case .notSignedIn, .sessionExpired, .settingsChanged, .sessionNotValidForREST:
            return .signInNeeded
        case .deviceFlowTimedOut, .deviceFlowDenied, .webFlowTimedOut, .webFlowFailed, .stateMismatch, .callbackPortInUse, .tokenStoreFailed:
            return .other
        case .requestLimitExceeded:
            return .rateLimited
        case .network, .serverUnavailable:
            return .network
        case .apiDisabledForOrg, .malformedQuery, .invalidField, .queryTimeout, .invalidQueryLocator, .queryRestartRequired, .notFound, .api,
            .bulkJobFailed, .bulkJobTimedOut, .htmlResponse, .unexpectedStatus, .malformedResponse:
            return .other
        }
    }

    /// Whether running the query again from the start (or from a checkpoint) is the remedy.
    public var requiresQueryRestart: Bool { self == .queryRestartRequired || self == .invalidQueryLocator }

    /// The error as the sync engine reports a stopped run.
    public var syncFailure: SyncFailure {
        let reason: SyncFailure.Reason
        switch category {
        case .signInNeeded: reason = .signInNeeded
        case .rateLimited: reason = .rateLimited
        case .network: reason = .network
        case .configuration, .other: reason = .other
        }
        return SyncFailure(reason: reason, message: description, fix: nil, cause: cause)
    }

    /// The underlying code for logs: an error code, OAuth error or HTTP status.
    public var cause: String {
        switch self {
        case .oauth(let failure): return failure.summary
        case .requestLimitExceeded: return "REQUEST_LIMIT_EXCEEDED"
        case .apiDisabledForOrg: return "API_DISABLED_FOR_ORG"
        case .malformedQuery: return "MALFORMED_QUERY"
        case .invalidField: return "INVALID_FIELD"
        case .queryTimeout: return "QUERY_TIMEOUT"
        case .invalidQueryLocator: return "INVALID_QUERY_LOCATOR"
        case .queryRestartRequired: return "session renewed while paging"
        case .sessionNotValidForREST: return "INVALID_SESSION_ID (not valid for REST)"
        case .sessionExpired: return "INVALID_SESSION_ID"
        case .notFound(let code, _): return code
        case .api(let status, let code, _): return "HTTP \(status) \(code)"
        case .htmlResponse(let status, _): return "HTTP \(status) HTML"
        case .serverUnavailable(let status, _), .unexpectedStatus(let status, _): return "HTTP \(status)"
        case .network(_, let reason): return reason
        case .invalidURL: return "invalid URL"
        case .insecureURL: return "insecure URL"
        case .lightningURL: return "Lightning URL"
        case .clientCredentialsNeedMyDomain: return "client credentials on a login host"
        case .missingConsumerSecret: return "missing consumer secret"
        case .missingConsumerKey: return "missing consumer key"
        case .missingUsername: return "missing username"
        case .notSignedIn: return "not signed in"
        case .settingsChanged: return "settings changed"
        case .deviceFlowTimedOut: return "device flow timed out"
        case .deviceFlowDenied: return "device flow denied"
        case .webFlowTimedOut: return "web flow timed out"
        case .webFlowFailed(let error, _): return error
        case .stateMismatch: return "state mismatch"
        case .callbackPortInUse(let port): return "port \(port) in use"
        case .tokenStoreFailed: return "token store failed"
        case .bulkJobFailed(_, let state, _): return "bulk job \(state)"
        case .bulkJobTimedOut: return "bulk job timed out"
        case .malformedResponse: return "malformed response"
        }
    }
}
