/// Why a source call failed, in the terms the engine acts on. Sources retry transient faults
/// (5xx, HTML pages, timeouts, one token refresh) before throwing.
public enum SourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The refresh token is gone or expired, or there are no credentials: sign in again.
    case signInNeeded(String)
    /// REQUEST_LIMIT_EXCEEDED (the daily API limit, or too many concurrent requests).
    case rateLimited(String)
    /// Salesforce could not be reached, or kept failing after retries.
    case network(String)
    /// The session was refreshed mid-paging, so open cursors are gone: restart the query from
    /// the last checkpoint.
    case restartRequired
    /// The cursor expired or is unknown (INVALID_QUERY_LOCATOR): restart from the checkpoint.
    case invalidQueryLocator
    /// The task running the sync was cancelled.
    case cancelled
    /// Anything else, with Salesforce's error code (`INVALID_FIELD`, `QUERY_TIMEOUT`, …).
    case other(code: String, message: String)

    public var description: String {
        switch self {
        case .signInNeeded(let message): return "sign-in needed: \(message)"
        case .rateLimited(let message): return "rate limited: \(message)"
        case .network(let message): return "network: \(message)"
        case .restartRequired: return "the session changed while paging; the query must restart"
        case .invalidQueryLocator: return "INVALID_QUERY_LOCATOR"
        case .cancelled: return "cancelled"
        case .other(let code, let message): return "\(code): \(message)"
        }
    }

    /// The error code for the sync log.
    public var code: String {
        switch self {
        case .signInNeeded: return "SIGN_IN_NEEDED"
        case .rateLimited: return "REQUEST_LIMIT_EXCEEDED"
        case .network: return "NETWORK"
        case .restartRequired: return "SESSION_REFRESHED"
        case .invalidQueryLocator: return "INVALID_QUERY_LOCATOR"
        case .cancelled: return "cancelled"
        case .other(let code, _): return code
        }
    }
}
