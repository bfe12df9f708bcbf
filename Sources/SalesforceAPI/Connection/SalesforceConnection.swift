import Logging

/// The two ways to get a working client: sign in with a profile's method, or restore a stored
/// sign-in.
///
/// Both are plain functions of values the caller loads (settings, sealed secrets), so this
/// module stays free of files and configuration formats. The `dealdeck` composition root wires
/// them to `config.toml` and the sealed secrets file (`SalesforceSignIn` there).
public enum SalesforceConnection {
    /// Signs in with `profile.method` and returns the new session (not yet stored).
    public static func signIn(
        profile: ConnectionProfile, credentials: SignInCredentials, presenter: SignInPresenter, transport: HTTPTransport = .live,
        retry: RetryPolicy = .standard, deviceTimeout: Duration = .seconds(600), webTimeout: Duration = .seconds(300),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "dealdeck.salesforce")
    ) async throws -> SalesforceSession {
        guard !profile.consumerKey.isEmpty else { throw SalesforceAPIError.missingConsumerKey }
        let oauth = OAuthClient(
            loginHost: profile.loginHost, consumerKey: profile.consumerKey, consumerSecret: credentials.consumerSecret, transport: transport,
            retry: retry, logger: logger)
        switch profile.method {
        case .password:
            guard let username = profile.username, !username.isEmpty else { throw SalesforceAPIError.missingUsername }
            return try await oauth.passwordGrant(
                username: username, password: credentials.password ?? "", securityToken: credentials.securityToken ?? "")
        case .clientCredentials:
            return try await oauth.clientCredentialsGrant()
        case .device:
            return try await DeviceLogin(scopes: profile.scopes, timeout: deviceTimeout, sleep: sleep).run(oauth, show: presenter.showDeviceCode)
        case .web:
            let login = WebLogin(
                scopes: profile.scopes, prompt: profile.prompt, loginHint: profile.username, callbackPort: profile.callbackPort,
                timeout: webTimeout)
            return try await login.run(oauth, present: presenter.showWebLogin)
        }
    }

    /// An authenticated client for a stored session, renewing it the way its sign-in allows:
    /// the refresh token when there is one; a new client-credentials grant; a new password
    /// grant when `passwordSource` (a `password_command`) can supply the password; else not at
    /// all (`sessionExpired` asks the user to sign in again). Renewed sessions go to `tokenStore`
    /// before they are used.
    public static func client(
        profile: ConnectionProfile, session: SalesforceSession, consumerSecret: String?, tokenStore: (any TokenStore)?,
        passwordSource: (@Sendable () async throws -> String)? = nil, transport: HTTPTransport = .live, retry: RetryPolicy = .standard,
        logger: Logger = Logger(label: "dealdeck.salesforce")
    ) -> SalesforceClient {
        SalesforceClient(
            session: session, apiVersion: profile.apiVersion,
            renewal: renewal(
                profile: profile, session: session, consumerSecret: consumerSecret, passwordSource: passwordSource, transport: transport,
                retry: retry, logger: logger),
            tokenStore: tokenStore, transport: transport, retry: retry, logger: logger)
    }

    /// The renewal a stored session allows (see `client`).
    public static func renewal(
        profile: ConnectionProfile, session: SalesforceSession, consumerSecret: String?, passwordSource: (@Sendable () async throws -> String)?,
        transport: HTTPTransport = .live, retry: RetryPolicy = .standard, logger: Logger = Logger(label: "dealdeck.salesforce")
    ) -> SessionRenewal {
        let oauth = OAuthClient(
            loginHost: profile.loginHost, consumerKey: profile.consumerKey, consumerSecret: consumerSecret, transport: transport, retry: retry,
            logger: logger)
        if session.refreshToken != nil { return .refreshToken(oauth) }
        if profile.method == .clientCredentials, consumerSecret != nil { return .clientCredentials(oauth) }
        if profile.method == .password, let passwordSource, let username = profile.username {
            return .password(oauth, username: username, credentials: passwordSource)
        }
        return .none
    }

    /// Revokes a stored sign-in at its login host: the refresh token (which ends every session
    /// issued from it) or else the access token. Failures are reported, not fatal: the caller
    /// purges its copy either way.
    public static func revoke(session: SalesforceSession, loginHost: LoginHost, consumerKey: String, transport: HTTPTransport = .live) async throws {
        let oauth = OAuthClient(
            loginHost: loginHost, consumerKey: consumerKey, consumerSecret: nil, transport: transport, retry: RetryPolicy(maximumAttempts: 2))
        try await oauth.revoke(session.refreshToken ?? session.accessToken)
        if session.refreshToken != nil { try? await oauth.revoke(session.accessToken) }
    }
}
