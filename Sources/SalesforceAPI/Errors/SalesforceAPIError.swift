/// Everything that can go wrong talking to Salesforce, typed so callers can react (refresh,
/// back off, restart a query, ask the user to sign in) and worded so people can act: each
/// `description` is one sentence on what happened and what to do. No case ever carries a token,
/// secret or password.
public enum SalesforceAPIError: Error, Sendable, Equatable {
    // MARK: Configuration

    /// The URL cannot be parsed or is not http(s).
    case invalidURL(String)
    /// `http://` to a host that is not this machine.
    case insecureURL(String)
    /// A Lightning Experience address (`*.lightning.force.com`) given as the login host.
    case lightningURL(given: String, suggested: String)
    /// Client credentials asked of a generic login host (login/test.salesforce.com).
    case clientCredentialsNeedMyDomain(host: String)
    /// The method needs the consumer secret and none was given.
    case missingConsumerSecret(method: String)
    case missingConsumerKey
    /// The username-password flow needs a username.
    case missingUsername

    // MARK: Sign-in

    /// The OAuth endpoint refused (see `OAuthFailure` and the doctor's diagnosis).
    case oauth(OAuthFailure)
    /// No tokens are stored.
    case notSignedIn
    /// The session expired and cannot be renewed without the user (password sign-in without a
    /// `password_command`), or renewing did not help.
    case sessionExpired
    /// The connection settings changed since sign-in; the old tokens were purged.
    case settingsChanged
    /// 401 "This session is not valid for use with the REST API": wrong token type or no `api`
    /// scope. Refreshing would not help, so it is never retried.
    case sessionNotValidForREST(String)
    case deviceFlowTimedOut(minutes: Int)
    case deviceFlowDenied
    case webFlowTimedOut(minutes: Int)
    /// The browser came back with `error=…` (usually the user pressed Deny).
    case webFlowFailed(error: String, description: String)
    /// The callback's `state` was not the one sent: the callback did not come from this sign-in.
    case stateMismatch
    case callbackPortInUse(Int)
    /// A renewed token could not be stored, so it was not used.
    case tokenStoreFailed(String)

    // MARK: REST

    /// 403 `REQUEST_LIMIT_EXCEEDED` (a limit, not a permission problem).
    case requestLimitExceeded(String)
    /// 403 `API_DISABLED_FOR_ORG`.
    case apiDisabledForOrg(String)
    case malformedQuery(String)
    case invalidField(String)
    case queryTimeout(String)
    /// The query cursor expired or belongs to another session: run the query again.
    case invalidQueryLocator
    /// The session was renewed while a query was being paged; its cursor died with the old
    /// session. Run the query again (the sync engine restarts from its own checkpoint).
    case queryRestartRequired
    /// 404 `NOT_FOUND` or `ENTITY_IS_DELETED`.
    case notFound(errorCode: String, message: String)
    /// Any other REST error.
    case api(status: Int, errorCode: String, message: String)
    case bulkJobFailed(id: String, state: String, message: String?)
    case bulkJobTimedOut(id: String)

    // MARK: Transport

    /// A web page where JSON was expected: a wrong or expired My Domain, a Lightning host, or
    /// a maintenance page.
    case htmlResponse(status: Int, host: String)
    /// 5xx (or 406/420/429) that retries did not get past.
    case serverUnavailable(status: Int, host: String)
    case unexpectedStatus(status: Int, host: String)
    case network(host: String, reason: String)
    case malformedResponse(String)
}
