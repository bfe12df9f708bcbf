/// An OAuth error as Salesforce puts it on the wire: an `error` code, an `error_description`
/// and the HTTP status (400 for every token-endpoint failure).
///
/// Real clients match these strings exactly (Airbyte re-authenticates on
/// "expired access/refresh token", sfdx-core keeps polling only on `authorization_pending`),
/// so every pair the emulator can send is named here, once. Pairs tagged [U] in the protocol
/// reference were not seen from real Salesforce; their comments say so.
struct OAuthError: Error, Sendable, Equatable {
    var error: String
    var errorDescription: String
    var status: Int = 400

    // MARK: Client identification (§1.8, verified)

    static let unknownClient = OAuthError(error: "invalid_client_id", errorDescription: "client identifier invalid")
    static let badClientSecret = OAuthError(error: "invalid_client", errorDescription: "invalid client credentials")
    static let unsupportedGrant = OAuthError(error: "unsupported_grant_type", errorDescription: "grant type not supported")

    // MARK: Grants (§1.8, verified)

    static let authenticationFailure = OAuthError(error: "invalid_grant", errorDescription: "authentication failure")
    static let inactiveUser = OAuthError(error: "invalid_grant", errorDescription: "inactive user")
    static let expiredRefreshToken = OAuthError(error: "invalid_grant", errorDescription: "expired access/refresh token")
    static let expiredAuthorizationCode = OAuthError(error: "invalid_grant", errorDescription: "expired authorization code")
    static let invalidCodeVerifier = OAuthError(error: "invalid_grant", errorDescription: "invalid code verifier")
    static let wrongDomain = OAuthError(error: "invalid_grant", errorDescription: "request not supported on this domain")
    /// Seen on Salesforce's authorize error page and token endpoint when the callback differs
    /// from the registered one [L].
    static let redirectMismatch = OAuthError(error: "redirect_uri_mismatch", errorDescription: "redirect_uri must match configuration")

    // MARK: Device flow ([U]: Salesforce's descriptions were never captured; only the codes are known)

    static let authorizationPending = OAuthError(error: "authorization_pending", errorDescription: "authorization pending")
    static let slowDown = OAuthError(error: "slow_down", errorDescription: "polling too frequently")
    static let accessDenied = OAuthError(error: "access_denied", errorDescription: "end-user denied authorization")
    /// RFC 8628 says `expired_token`; Salesforce's real answer is unknown. `invalid_grant` is what
    /// Salesforce uses for every other dead credential, and clients treat any error other than
    /// pending/slow_down as terminal, so either works for them.
    static let expiredDeviceCode = OAuthError(error: "invalid_grant", errorDescription: "expired device code")
    static let invalidDeviceCode = OAuthError(error: "invalid_grant", errorDescription: "invalid device code")

    // MARK: Request shape

    /// [U]: the description Salesforce gives for a scope the app does not have.
    static let invalidScope = OAuthError(error: "invalid_scope", errorDescription: "requested scope is invalid, unknown, or malformed")
    /// [U]: a GET (or other non-POST) on the token endpoint.
    static let mustUsePost = OAuthError(error: "invalid_request", errorDescription: "must use HTTP POST")
    static let invalidToken = OAuthError(error: "invalid_token", errorDescription: "Token was invalid")
}
