import DealdeckCore
import Foundation
import Synchronization

/// The token endpoint's grants. Each checks the client first, then the grant itself, and
/// returns the token response or the exact Salesforce error pair.
///
/// State changes happen inside one locked section per grant; where a grant must both change
/// state and fail (reuse of a rotated refresh token revokes its chain, then fails), the section
/// returns a `Result` so the change is kept before the error is thrown.
extension AuthAuthority {
    /// Checks `client_id` and, when given or required, `client_secret`.
    func authenticate(_ client: OAuthClientAuthentication, secretRequired: Bool) throws(OAuthError) {
        guard client.id == credentials.consumerKey else { throw .unknownClient }
        if let secret = client.secret {
            guard secret == credentials.consumerSecret else { throw .badClientSecret }
        } else if secretRequired {
            throw .badClientSecret
        }
    }

    /// `grant_type=password`: the API user's password with the security token appended. No
    /// refresh token, as the flow never issues one; the scope is the app's default selection
    /// because Salesforce ignores a requested scope here.
    func passwordGrant(client: OAuthClientAuthentication, username: String?, password: String?) throws(OAuthError)
        -> IssuedToken
    {
        try authenticate(client, secretRequired: true)
        let now = clock.now()
        return try ledger.withLock { ledger -> Result<IssuedToken, OAuthError> in
            guard !ledger.state.usernamePasswordFlowBlocked else { return .failure(.authenticationFailure) }
            guard let username, let password, username.lowercased() == credentials.username.lowercased(),
                password == credentials.password + credentials.securityToken,
                let user = user(username: credentials.username, in: ledger.state)
            else { return .failure(.authenticationFailure) }
            guard user.isActive else { return .failure(.inactiveUser) }
            let session = openSession(
                in: &ledger, userId: user.id, clientId: credentials.consumerKey, scopes: OAuthScopes.userDefault,
                refresh: nil, at: now
            )
            return .success(response(for: session, refreshToken: nil))
        }.get()
    }

    /// `grant_type=refresh_token`. Without rotation the refresh token stays and the response has
    /// none. With rotation the response carries a new one, the old one and its sessions end, and
    /// presenting an already-rotated token (a sign it was stolen) revokes the whole chain.
    func refreshGrant(client: OAuthClientAuthentication, refreshToken: String?) throws(OAuthError) -> IssuedToken {
        try authenticate(client, secretRequired: true)
        let now = clock.now()
        let rotate = configuration.rotateRefreshTokens
        return try ledger.withLock { ledger -> Result<IssuedToken, OAuthError> in
            guard let refreshToken, let record = ledger.state.refreshTokens[refreshToken], record.clientId == client.id
            else { return .failure(.expiredRefreshToken) }
            if record.rotated {
                revokeChain(record.chain, in: &ledger)
                return .failure(.expiredRefreshToken)
            }
            guard let user = user(id: record.userId, in: ledger.state) else { return .failure(.expiredRefreshToken) }
            guard user.isActive else { return .failure(.inactiveUser) }
            guard rotate else {
                let session = openSession(
                    in: &ledger, userId: user.id, clientId: record.clientId, scopes: record.scopes, refresh: record, at: now
                )
                return .success(response(for: session, refreshToken: nil))
            }
            ledger.state.refreshTokens[refreshToken]?.rotated = true
            // Rotation ends the previous session too, so its query locators die (airbyte PR #84302).
            ledger.state.sessions = ledger.state.sessions.filter { $0.value.refreshToken != refreshToken }
            let successor = mintRefreshToken(
                in: &ledger, chain: record.chain, userId: user.id, clientId: record.clientId, scopes: record.scopes, at: now
            )
            let session = openSession(
                in: &ledger, userId: user.id, clientId: record.clientId, scopes: record.scopes, refresh: successor, at: now
            )
            return .success(response(for: session, refreshToken: successor.token))
        }.get()
    }

    /// `grant_type=authorization_code`. The code is single-use: it is spent by the first attempt,
    /// whatever the outcome, and dies after 15 minutes.
    ///
    /// The client secret is required unless the client proves possession with a PKCE verifier
    /// for a code that was issued with a challenge: that is how a public client (a terminal app
    /// that cannot keep a secret) works with a Connected App that does not require the secret.
    /// A verifier for a code issued without a challenge proves nothing, so the secret is then
    /// required again.
    func authorizationCodeGrant(
        client: OAuthClientAuthentication, code: String?, redirectURI: String?, codeVerifier: String?
    ) throws(OAuthError) -> IssuedToken {
        try authenticate(client, secretRequired: false)
        let now = clock.now()
        return try ledger.withLock { ledger -> Result<IssuedToken, OAuthError> in
            guard let code, let grant = ledger.codes.removeValue(forKey: code),
                now.millisecondsSinceEpoch - grant.issuedAt.millisecondsSinceEpoch < AuthorizationCodeGrant.lifetimeMilliseconds,
                grant.request.clientId == client.id
            else { return .failure(.expiredAuthorizationCode) }
            let provesPossession = grant.request.codeChallenge != nil && codeVerifier != nil
            guard client.secret != nil || provesPossession else { return .failure(.badClientSecret) }
            guard redirectURI == grant.request.redirectURI else { return .failure(.redirectMismatch) }
            if let challenge = grant.request.codeChallenge {
                // Live Salesforce answers a missing, malformed and mismatched verifier alike.
                guard let codeVerifier, PKCE.hasValidCharacters(codeVerifier),
                    PKCE.s256Challenge(for: codeVerifier) == challenge
                else { return .failure(.invalidCodeVerifier) }
            }
            guard let user = user(id: grant.userId, in: ledger.state) else { return .failure(.expiredAuthorizationCode) }
            guard user.isActive else { return .failure(.inactiveUser) }
            return .success(
                issueInteractive(in: &ledger, userId: user.id, clientId: grant.request.clientId, scopes: grant.request.scopes, at: now)
            )
        }.get()
    }

    /// `response_type=device_code`: starts a device request. No secret is needed (the sf CLI
    /// sends none).
    func requestDeviceCode(clientId: String?, scope: String?) throws(OAuthError) -> DeviceAuthorization {
        try authenticate(OAuthClientAuthentication(id: clientId, secret: nil), secretRequired: false)
        let scopes = try OAuthScopes.grantForUser(scope)
        let now = clock.now()
        return ledger.withLock { ledger in
            // Forget requests long past their expiry; recent ones stay to answer "expired".
            ledger.devices = ledger.devices.filter {
                now.millisecondsSinceEpoch - $0.value.issuedAt.millisecondsSinceEpoch < 2 * DeviceAuthorization.lifetimeMilliseconds
            }
            var userCode = OAuthTokenFactory.userCode()
            while ledger.devices.values.contains(where: { $0.userCode == userCode }) { userCode = OAuthTokenFactory.userCode() }
            let device = DeviceAuthorization(
                deviceCode: OAuthTokenFactory.deviceCode(), userCode: userCode, clientId: credentials.consumerKey,
                scopes: scopes, issuedAt: now
            )
            ledger.devices[device.deviceCode] = device
            return device
        }
    }

    /// `grant_type=device&code=<device_code>`: a poll. Pending until approved, `slow_down` when
    /// polled sooner than the interval, `access_denied` once denied; the tokens are handed out
    /// once, with a refresh token when the scopes ask for one.
    func deviceGrant(client: OAuthClientAuthentication, deviceCode: String?) throws(OAuthError) -> IssuedToken {
        try authenticate(client, secretRequired: false)
        let now = clock.now()
        return try ledger.withLock { ledger -> Result<IssuedToken, OAuthError> in
            guard let deviceCode, var device = ledger.devices[deviceCode], device.clientId == client.id
            else { return .failure(.invalidDeviceCode) }
            guard !device.isExpired(at: now) else { return .failure(.expiredDeviceCode) }
            let previous = device.lastPolledAt
            device.lastPolledAt = now
            ledger.devices[deviceCode] = device
            if let previous,
                now.millisecondsSinceEpoch - previous.millisecondsSinceEpoch
                    < Int64(DeviceAuthorization.intervalSeconds) * 1000 - DeviceAuthorization.pollToleranceMilliseconds
            {
                return .failure(.slowDown)
            }
            switch device.status {
            case .pending:
                return .failure(.authorizationPending)
            case .denied:
                return .failure(.accessDenied)
            case .approved(let userId):
                ledger.devices[deviceCode] = nil
                guard let user = user(id: userId, in: ledger.state) else { return .failure(.invalidDeviceCode) }
                guard user.isActive else { return .failure(.inactiveUser) }
                return .success(issueInteractive(in: &ledger, userId: user.id, clientId: device.clientId, scopes: device.scopes, at: now))
            }
        }.get()
    }

    /// `grant_type=client_credentials`: runs as the integration user, and only on My Domain;
    /// the generic login hosts refuse it.
    func clientCredentialsGrant(client: OAuthClientAuthentication, hostRole: HostRole) throws(OAuthError) -> IssuedToken {
        try authenticate(client, secretRequired: true)
        guard hostRole == .myDomain else { throw .wrongDomain }
        let now = clock.now()
        let runAs = identity.integrationUser.id
        return try ledger.withLock { ledger -> Result<IssuedToken, OAuthError> in
            guard let user = user(id: runAs, in: ledger.state), user.isActive else { return .failure(.inactiveUser) }
            let session = openSession(
                in: &ledger, userId: user.id, clientId: credentials.consumerKey, scopes: OAuthScopes.clientCredentials,
                refresh: nil, at: now
            )
            return .success(response(for: session, refreshToken: nil))
        }.get()
    }

    // MARK: Issuing

    /// A session for the code and device flows, with a refresh token (starting a new chain)
    /// when `refresh_token` or `offline_access` was granted.
    func issueInteractive(
        in ledger: inout AuthLedger, userId: SalesforceID, clientId: String, scopes: [String], at now: SalesforceTimestamp
    ) -> IssuedToken {
        var refresh: AuthAuthorityState.RefreshTokenRecord?
        if scopes.contains(where: OAuthScopes.refreshScopes.contains) {
            refresh = mintRefreshToken(in: &ledger, chain: nil, userId: userId, clientId: clientId, scopes: scopes, at: now)
        }
        let session = openSession(in: &ledger, userId: userId, clientId: clientId, scopes: scopes, refresh: refresh, at: now)
        return response(for: session, refreshToken: refresh?.token)
    }

    func mintRefreshToken(
        in ledger: inout AuthLedger, chain: String?, userId: SalesforceID, clientId: String, scopes: [String],
        at now: SalesforceTimestamp
    ) -> AuthAuthorityState.RefreshTokenRecord {
        let token = OAuthTokenFactory.refreshToken()
        let record = AuthAuthorityState.RefreshTokenRecord(
            token: token, chain: chain ?? OAuthTokenFactory.identifier(prefix: "chain-"), userId: userId,
            clientId: clientId, scopes: scopes, issuedAt: now
        )
        ledger.state.refreshTokens[token] = record
        return record
    }

    func openSession(
        in ledger: inout AuthLedger, userId: SalesforceID, clientId: String, scopes: [String],
        refresh: AuthAuthorityState.RefreshTokenRecord?, at now: SalesforceTimestamp
    ) -> AuthAuthorityState.SessionRecord {
        pruneSessions(in: &ledger, at: now)
        let record = AuthAuthorityState.SessionRecord(
            id: OAuthTokenFactory.identifier(prefix: "sess-"),
            accessToken: OAuthTokenFactory.accessToken(organizationId: identity.organizationId), userId: userId,
            clientId: clientId, scopes: scopes, issuedAt: now, refreshToken: refresh?.token, chain: refresh?.chain
        )
        ledger.state.sessions[record.accessToken] = record
        return record
    }

    func response(for session: AuthAuthorityState.SessionRecord, refreshToken: String?) -> IssuedToken {
        let id = identityURL(for: session.userId)
        return IssuedToken(
            accessToken: session.accessToken, refreshToken: refreshToken, scopes: session.scopes,
            instanceURL: urls.myDomainURL, identityURL: id, issuedAt: session.issuedAt,
            signature: IssuedToken.signature(identityURL: id, issuedAt: session.issuedAt, consumerSecret: credentials.consumerSecret)
        )
    }

    /// Ends a refresh-token chain: every token rotated out of one grant, and their sessions.
    func revokeChain(_ chain: String, in ledger: inout AuthLedger) {
        ledger.state.refreshTokens = ledger.state.refreshTokens.filter { $0.value.chain != chain }
        ledger.state.sessions = ledger.state.sessions.filter { $0.value.chain != chain }
    }
}
