/// Everything sign-in knows, behind `AuthAuthority`'s mutex: the persisted part
/// (`AuthAuthorityState`) and the short-lived parts a restart may forget.
struct AuthLedger: Sendable {
    var state: AuthAuthorityState
    /// Unexchanged authorization codes by code.
    var codes: [String: AuthorizationCodeGrant] = [:]
    /// Device requests by device code.
    var devices: [String: DeviceAuthorization] = [:]
    /// Browser sessions by `sid` cookie value.
    var browserSessions: [String: BrowserSession] = [:]
    /// Interactive approvals in progress by ticket ID.
    var tickets: [String: AuthorizationTicket] = [:]
    /// `"<userId>|<clientId>"` pairs the user has allowed, so a later authorize skips the
    /// approval page unless `prompt=consent` asks for it again.
    var approvals: Set<String> = []
}
