import DealdeckCore
import Foundation
import Synchronization

/// The emulated org's sign-in authority: the Connected App, its users' credentials, and every
/// token, session, code and approval issued so far.
///
/// `OAuthEndpoint` turns HTTP into calls on this type; REST and Bulk call `verify(authorization:)`
/// on every request; the control surface flips the switches below. All state sits behind one
/// mutex: sign-in is far from the emulator's hot path, and one lock keeps multi-part changes
/// (rotating a refresh token and ending its sessions) atomic.
public final class AuthAuthority: Sendable {
    let configuration: EmulatorConfiguration
    let credentials: EmulatorCredentials
    let identity: OrgIdentity
    let clock: EmulatorClock
    let urls: EmulatorURLs
    let ledger: Mutex<AuthLedger>

    public init(
        configuration: EmulatorConfiguration, credentials: EmulatorCredentials, identity: OrgIdentity,
        clock: EmulatorClock, urls: EmulatorURLs, restoring: AuthAuthorityState?
    ) {
        self.configuration = configuration
        self.credentials = credentials
        self.identity = identity
        self.clock = clock
        self.urls = urls
        ledger = Mutex(AuthLedger(state: restoring ?? AuthAuthorityState()))
    }

    // MARK: Sessions

    /// Checks an `Authorization` header value: `Bearer <token>`, or the older `OAuth <token>`
    /// that SOAP-era clients still send. The session must exist, be younger than the session
    /// timeout and belong to an active user.
    public func verify(authorization: String?) -> BearerVerification {
        guard let token = Self.bearerToken(from: authorization) else { return .invalid }
        let now = clock.now()
        return ledger.withLock { ledger in
            guard let record = ledger.state.sessions[token], isLive(record, at: now),
                let user = user(id: record.userId, in: ledger.state), user.isActive
            else { return .invalid }
            return .valid(
                EmulatorSession(
                    id: record.id, accessToken: record.accessToken, user: user, clientId: record.clientId,
                    scopes: Set(record.scopes), issuedAt: record.issuedAt
                )
            )
        }
    }

    /// What must survive a restart (see `AuthAuthorityState`); expired sessions are dropped.
    public func exportState() -> AuthAuthorityState {
        let now = clock.now()
        return ledger.withLock { ledger in
            pruneSessions(in: &ledger, at: now)
            return ledger.state
        }
    }

    // MARK: Control surface

    /// Ends every session: each access token now gets 401 `INVALID_SESSION_ID`. Refresh tokens
    /// keep working, so a client can recover the way it would after a real session timeout.
    public func expireAllSessions() {
        ledger.withLock { $0.state.sessions.removeAll() }
    }

    /// Revokes every refresh token: refreshing now fails with `invalid_grant` /
    /// `expired access/refresh token`. Sessions already issued run on until they time out
    /// (use `expireAllSessions()` too to force a full re-login right away).
    public func revokeAllRefreshTokens() {
        ledger.withLock { $0.state.refreshTokens.removeAll() }
    }

    /// Blocks or allows the username-password flow; blocked, it fails with `invalid_grant` /
    /// `authentication failure`, as in orgs created since Summer '23.
    public func setUsernamePasswordFlowBlocked(_ blocked: Bool) {
        ledger.withLock { $0.state.usernamePasswordFlowBlocked = blocked }
    }

    /// Approves a pending device request as the API user, as if they had entered the code at
    /// `/setup/connect` and pressed Allow. False when no pending, unexpired request has this code.
    public func approveDevice(userCode: String) -> Bool {
        decideDevice(userCode: userCode, status: .approved(identity.apiUser.id))
    }

    /// Denies a pending device request: the next poll gets `access_denied`.
    public func denyDevice(userCode: String) -> Bool {
        decideDevice(userCode: userCode, status: .denied)
    }

    /// Activates or deactivates a user. An inactive user's sessions stop working at once and
    /// their grants fail with `invalid_grant` / `inactive user`. False for an unknown username.
    public func setUserActive(username: String, active: Bool) -> Bool {
        ledger.withLock { ledger in
            guard let user = user(username: username, in: ledger.state) else { return false }
            ledger.state.userActive[user.username.lowercased()] = active
            return true
        }
    }

    /// A user's current active flag (the org data's `User.IsActive` should agree); nil when the
    /// username is not one of the users sign-in knows.
    public func isUserActive(username: String) -> Bool? {
        ledger.withLock { user(username: username, in: $0.state)?.isActive }
    }

    // MARK: Shared helpers

    var sessionLifetimeMilliseconds: Int64 { Int64(configuration.sessionTimeoutSeconds) * 1000 }

    /// The identity URL of a user: on the login host even when the token came from My Domain,
    /// as Salesforce does.
    func identityURL(for userId: SalesforceID) -> String {
        "\(urls.loginURL)/id/\(identity.organizationId.rawValue)/\(userId.rawValue)"
    }

    /// The users sign-in knows, with their current active flags.
    func users(in state: AuthAuthorityState) -> [OrgUserIdentity] {
        [identity.apiUser, identity.integrationUser].map { user in
            var current = user
            if let active = state.userActive[user.username.lowercased()] { current.isActive = active }
            return current
        }
    }

    func user(id: SalesforceID, in state: AuthAuthorityState) -> OrgUserIdentity? {
        users(in: state).first { $0.id == id }
    }

    /// Salesforce usernames are case-insensitive.
    func user(username: String, in state: AuthAuthorityState) -> OrgUserIdentity? {
        let wanted = username.lowercased()
        return users(in: state).first { $0.username.lowercased() == wanted }
    }

    /// A user by ID with the current active flag, outside any other locked section.
    func currentUser(id: SalesforceID) -> OrgUserIdentity? {
        ledger.withLock { user(id: id, in: $0.state) }
    }

    func isLive(_ session: AuthAuthorityState.SessionRecord, at now: SalesforceTimestamp) -> Bool {
        now.millisecondsSinceEpoch - session.issuedAt.millisecondsSinceEpoch < sessionLifetimeMilliseconds
    }

    func pruneSessions(in ledger: inout AuthLedger, at now: SalesforceTimestamp) {
        ledger.state.sessions = ledger.state.sessions.filter { isLive($0.value, at: now) }
    }

    /// The token of a `Bearer`/`OAuth` authorization header; the scheme is case-insensitive.
    static func bearerToken(from authorization: String?) -> String? {
        guard let authorization else { return nil }
        let parts = authorization.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased()
        guard scheme == "bearer" || scheme == "oauth" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    private func decideDevice(userCode: String, status: DeviceAuthorization.Status) -> Bool {
        let now = clock.now()
        let code = Self.normalizedUserCode(userCode)
        return ledger.withLock { ledger in
            guard let deviceCode = pendingDeviceCode(userCode: code, in: ledger, at: now) else { return false }
            ledger.devices[deviceCode]?.status = status
            return true
        }
    }
}
