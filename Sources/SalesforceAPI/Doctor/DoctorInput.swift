/// What the doctor checks: the settings as given (unparsed, so a bad URL is one of the
/// findings) and the secrets at hand. The same input serves `dealdeck doctor` (stored sign-in)
/// and the setup wizard's Test Connection (settings and secrets being typed in).
public struct DoctorInput: Sendable {
    public var loginURL: String?
    public var method: AuthMethod
    public var consumerKey: String?
    public var username: String?
    public var scopes: [String]
    public var apiVersion: String
    public var consumerSecret: String?
    /// The stored sign-in, if any.
    public var session: SalesforceSession?
    /// For the username-password flow: a password to test the token endpoint with.
    public var password: String?
    public var securityToken: String?
    /// How to get the password again when the stored password session has expired.
    public var passwordSource: (@Sendable () async throws -> String)?
    /// Why there is no stored sign-in (e.g. `settingsChanged`), reported by the token step when
    /// nothing else can be tested.
    public var signInProblem: SalesforceAPIError?

    public init(
        loginURL: String?, method: AuthMethod, consumerKey: String?, username: String? = nil, scopes: [String] = ConnectionProfile.defaultScopes,
        apiVersion: String = ConnectionProfile.defaultAPIVersion, consumerSecret: String? = nil, session: SalesforceSession? = nil,
        password: String? = nil, securityToken: String? = nil, passwordSource: (@Sendable () async throws -> String)? = nil
    ) {
        self.loginURL = loginURL
        self.method = method
        self.consumerKey = consumerKey
        self.username = username
        self.scopes = scopes
        self.apiVersion = apiVersion
        self.consumerSecret = consumerSecret
        self.session = session
        self.password = password
        self.securityToken = securityToken
        self.passwordSource = passwordSource
    }
}

extension DoctorInput: CustomStringConvertible {
    public var description: String { "DoctorInput(loginURL: \(loginURL ?? "none"), method: \(method.rawValue), <secrets redacted>)" }
}
