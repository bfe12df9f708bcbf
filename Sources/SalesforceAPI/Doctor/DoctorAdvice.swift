/// The doctor's reading of a failure: what was seen, the likely cause in plain words, and the
/// fix (naming the place in Salesforce Setup). `dealdeck login` prints the same advice when a
/// sign-in fails.
public struct DoctorAdvice: Sendable, Equatable {
    public var detail: String
    public var cause: String?
    public var fix: String?

    public init(detail: String, cause: String? = nil, fix: String? = nil) {
        self.detail = detail
        self.cause = cause
        self.fix = fix
    }

    /// The context that sharpens a diagnosis.
    public struct Context: Sendable {
        public var username: String?
        public var loginHost: LoginHost?
        public var method: AuthMethod?

        public init(username: String? = nil, loginHost: LoginHost? = nil, method: AuthMethod? = nil) {
            self.username = username
            self.loginHost = loginHost
            self.method = method
        }
    }

    /// Domain suffixes sandbox usernames commonly end with (`jane@acme.com.uat`): Salesforce
    /// appends the sandbox name to the production username.
    static let sandboxSuffixes: Set<String> = [
        "sandbox", "uat", "dev", "devint", "qa", "test", "full", "partial", "staging", "stage", "sit", "preprod", "prod2", "training", "int",
        "dev1", "dev2", "qa1", "qa2", "uat1", "uat2", "fullcopy", "hotfix",
    ]

    /// The sandbox-looking suffix of a username, if any (`.uat` in `jane@acme.com.uat`).
    public static func sandboxSuffix(of username: String?) -> String? {
        guard let username, let at = username.lastIndex(of: "@") else { return nil }
        let domain = username[username.index(after: at)...]
        let labels = domain.split(separator: ".")
        guard labels.count >= 3, let last = labels.last?.lowercased(), sandboxSuffixes.contains(last) else { return nil }
        return "." + last
    }

    /// Advice for an error seen at a doctor step (or during `dealdeck login`).
    public static func advice(for error: any Error, context: Context = Context()) -> DoctorAdvice {
        guard let error = error as? SalesforceAPIError else {
            return DoctorAdvice(detail: String(describing: error))
        }
        switch error {
        case .oauth(let failure):
            return advice(for: failure, context: context)
        case .lightningURL(let given, let suggested):
            return DoctorAdvice(
                detail: "\(given) is a Lightning Experience address",
                cause: "Salesforce does not serve sign-in or the API on *.lightning.force.com; those hosts only show the Lightning app.",
                fix: "Use the My Domain address instead: dealdeck login --login-url \(suggested) (Setup → My Domain shows it).")
        case .clientCredentialsNeedMyDomain(let host):
            return wrongDomain(detail: "client credentials refused for \(host)")
        case .insecureURL(let host):
            return DoctorAdvice(
                detail: "plain http:// to \(host)", cause: "Salesforce only speaks HTTPS; http:// would send passwords and tokens in clear text.",
                fix: "Use the https:// address, e.g. https://login.salesforce.com or https://YOURDOMAIN.my.salesforce.com.")
        case .invalidURL(let url):
            return DoctorAdvice(
                detail: "\(url) is not a URL", cause: "The login URL is not a web address.",
                fix: "Use https://login.salesforce.com, https://test.salesforce.com (--sandbox) or your My Domain URL.")
        case .htmlResponse(let status, let host):
            return DoctorAdvice(
                detail: "\(host) answered with a web page (HTTP \(status)) instead of JSON",
                cause: "This is not a working Salesforce API address: the My Domain is wrong or expired (or was renamed), "
                    + "the address is a Lightning or Experience Cloud site, or the instance is down for maintenance.",
                fix: "Copy the Current My Domain URL from Setup → My Domain and pass it with --login-url; if it is right, "
                    + "check status.salesforce.com and try again later.")
        case .network(let host, let reason):
            return DoctorAdvice(
                detail: "cannot reach \(host): \(reason)",
                cause:
                    "The network, a proxy or firewall blocks the connection, or the host does not exist (a deleted or renamed My Domain no "
                    + "longer resolves).",
                fix: "Check the connection and the login URL; Setup → My Domain shows the org's current address.")
        case .serverUnavailable(let status, let host):
            return DoctorAdvice(
                detail: "\(host) answered HTTP \(status)", cause: "Salesforce is unavailable or under maintenance.",
                fix: "Try again in a few minutes; status.salesforce.com lists incidents and maintenance windows.")
        case .apiDisabledForOrg(let message):
            return DoctorAdvice(
                detail: "API_DISABLED_FOR_ORG: \(message)",
                cause: "The REST API is not enabled for this org or user: Group, Essentials and Professional editions do not include it "
                    + "(unless bought as an add-on), and in other editions the user's profile may lack the API Enabled permission.",
                fix: "Ask an admin to grant API Enabled (Setup → Profiles or Permission Sets → System Permissions), "
                    + "or use an Enterprise, Unlimited, Performance or Developer Edition org.")
        case .requestLimitExceeded(let message):
            return DoctorAdvice(
                detail: "REQUEST_LIMIT_EXCEEDED: \(message)", cause: "The org has used its API request allowance for the rolling 24 hours.",
                fix: "Wait for calls to free up (Setup → Company Information shows API Requests, Last 24 Hours); admins can raise the limit.")
        case .sessionNotValidForREST(let message):
            return DoctorAdvice(
                detail: "INVALID_SESSION_ID: \(message)", cause: "The sign-in lacks the api scope (\"Manage user data via APIs\").",
                fix: "Add the api scope to the connected app (Setup → App Manager → your app → Edit → Selected OAuth Scopes), "
                    + "then run dealdeck login --scopes \"api refresh_token\".")
        case .sessionExpired:
            return DoctorAdvice(
                detail: "the session expired (INVALID_SESSION_ID)",
                cause:
                    "The access token expired or was revoked, and this sign-in cannot renew it without you (the username-password flow has "
                    + "no refresh token).",
                fix: "Run dealdeck login again, or set password_command in the [security] settings so Dealdeck can sign in again by itself.")
        case .notSignedIn:
            return DoctorAdvice(detail: "not signed in", cause: "No Salesforce tokens are stored for this profile.", fix: "Run dealdeck login.")
        case .settingsChanged:
            return DoctorAdvice(
                detail: "the connection settings changed since sign-in",
                cause: "The login host, consumer key or secret, username, method or scopes changed, so the old sign-in was revoked.",
                fix: "Run dealdeck login.")
        case .invalidField(let message):
            return DoctorAdvice(
                detail: "INVALID_FIELD: \(SalesforceAPIError.oneLine(message))",
                cause: "The user cannot see a field of Opportunity (field-level security).",
                fix: "Give the user read access to the Opportunity fields (Setup → Profiles or Permission Sets → Object Settings → Opportunities).")
        case .api(let status, let code, let message) where code == "INVALID_TYPE" || code == "INSUFFICIENT_ACCESS":
            return DoctorAdvice(
                detail: "HTTP \(status) \(code): \(SalesforceAPIError.oneLine(message))", cause: "The user cannot read Opportunity records.",
                fix: "Give the user Read on Opportunities (Setup → Profiles or Permission Sets → Object Settings → Opportunities).")
        case .missingConsumerSecret, .missingConsumerKey, .missingUsername:
            return DoctorAdvice(detail: error.description)
        default:
            return DoctorAdvice(detail: error.description)
        }
    }

    static func advice(for failure: OAuthFailure, context: Context) -> DoctorAdvice {
        let detail = "HTTP \(failure.status) \(failure.summary)"
        if failure.error == "invalid_client_id" {
            return DoctorAdvice(
                detail: detail,
                cause:
                    "The consumer key is wrong, or the connected app is new or was just changed: Salesforce takes up to 10 minutes to make "
                    + "it work everywhere.",
                fix: "Copy the Consumer Key from Setup → App Manager → your app → View → Manage Consumer Details and pass it with --consumer-key; "
                    + "if the app is new, wait 10 minutes and try again.")
        }
        if failure.error == "invalid_client" {
            return DoctorAdvice(
                detail: detail, cause: "The consumer secret does not match the consumer key.",
                fix: "Copy the Consumer Secret from Setup → App Manager → your app → View → Manage Consumer Details, "
                    + "set DEALDECK_CONSUMER_SECRET and run dealdeck login again.")
        }
        if failure.isExpiredToken {
            return DoctorAdvice(
                detail: detail,
                cause:
                    "The stored sign-in expired or was revoked: an admin revoked it, the password was reset, the connected app's refresh "
                    + "token policy ended it, "
                    + "or a rotated token was used twice.",
                fix: "Run dealdeck login again. Admins: Setup → Connected Apps OAuth Usage lists the app's tokens; "
                    + "Manage Connected Apps → your app → Refresh Token Policy sets how long they last.")
        }
        if failure.isInactiveUser {
            return DoctorAdvice(
                detail: detail, cause: "The Salesforce user is deactivated.",
                fix: "An admin can reactivate the user in Setup → Users → Edit → Active; or sign in as another user with dealdeck login.")
        }
        if failure.isWrongDomain {
            return wrongDomain(detail: detail)
        }
        if failure.isAuthenticationFailure {
            if let suffix = sandboxSuffix(of: context.username), context.loginHost.map({ !$0.isSandbox }) ?? true {
                return DoctorAdvice(
                    detail: detail,
                    cause:
                        "The username ends in \(suffix), which looks like a sandbox user, but \(context.loginHost?.host ?? "the login host") "
                        + "is not a sandbox login host.",
                    fix: "Sign in at the sandbox: dealdeck login --sandbox (https://test.salesforce.com) or --login-url with the sandbox's My Domain."
                )
            }
            return DoctorAdvice(
                detail: detail,
                cause:
                    "The username, password or security token is wrong; or your IP address is outside the org's trusted IP ranges or the "
                    + "profile's login hours; "
                    + "or the org blocks the username-password flow (the default for orgs created since Summer '23).",
                fix:
                    "Check the password and reset the security token (your settings → Reset My Security Token), or sign in with dealdeck "
                    + "login --method device "
                    + "or --method web. Admins: Setup → OAuth and OpenID Connect Settings → Allow OAuth Username-Password Flows.")
        }
        if failure.error == "unsupported_grant_type" {
            return DoctorAdvice(
                detail: detail,
                cause: "The connected app does not allow this sign-in method, or the request was redirected from http to https and lost its body.",
                fix:
                    "Enable the flow in Setup → App Manager → your app → Edit → OAuth settings (Enable for Device Flow, Enable Client "
                    + "Credentials Flow), "
                    + "or choose another --method.")
        }
        if failure.error == "invalid_scope" {
            return DoctorAdvice(
                detail: detail, cause: "The connected app does not offer the requested scopes.",
                fix: "Use --scopes \"api refresh_token\", or add the scopes in Setup → App Manager → your app → Edit → Selected OAuth Scopes.")
        }
        if failure.error == "invalid_grant", failure.errorDescription.lowercased().contains("code verifier") {
            return DoctorAdvice(detail: detail, cause: "The browser sign-in's PKCE check failed.", fix: "Run dealdeck login --method web again.")
        }
        return DoctorAdvice(
            detail: detail, cause: "Salesforce refused the sign-in.", fix: "Check the connected app's settings, then run dealdeck login again.")
    }

    static func wrongDomain(detail: String) -> DoctorAdvice {
        DoctorAdvice(
            detail: detail,
            cause: "The client-credentials flow only works on the org's My Domain host, not on login.salesforce.com or test.salesforce.com.",
            fix: "Pass --login-url https://YOURDOMAIN.my.salesforce.com (Setup → My Domain shows the address).")
    }
}
