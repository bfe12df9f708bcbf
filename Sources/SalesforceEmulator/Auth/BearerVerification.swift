/// The outcome of checking an `Authorization` header against the live sessions.
public enum BearerVerification: Sendable, Equatable {
    case valid(EmulatorSession)
    /// Missing, malformed, unknown, revoked or expired: Salesforce answers all of these with the
    /// same 401 `INVALID_SESSION_ID`, so callers need not tell them apart.
    case invalid
}
