/// The browser sign-in: the web-server flow with PKCE (S256) and a loopback callback.
///
/// The authorize URL is handed to `present`, which prints it (so it works over SSH, where the
/// person opens it on their own machine with a port forward) and may open `$BROWSER`. The
/// callback's `state` must match, and the code is exchanged with the PKCE verifier.
public struct WebLogin: Sendable {
    public var scopes: [String]
    public var prompt: String?
    public var loginHint: String?
    /// 1717 by default, like the Salesforce CLI; 0 picks a free port.
    public var callbackPort: Int
    public var callbackPath: String
    public var timeout: Duration

    public init(
        scopes: [String] = ConnectionProfile.defaultScopes, prompt: String? = nil, loginHint: String? = nil,
        callbackPort: Int = ConnectionProfile.defaultCallbackPort, callbackPath: String = "/OauthRedirect", timeout: Duration = .seconds(300)
    ) {
        self.scopes = scopes
        self.prompt = prompt
        self.loginHint = loginHint
        self.callbackPort = callbackPort
        self.callbackPath = callbackPath
        self.timeout = timeout
    }

    /// What to show the person: where to go, and where the browser will come back to.
    public struct Prompt: Sendable, Equatable {
        public var authorizeURL: String
        public var redirectURI: String
    }

    public func run(_ oauth: OAuthClient, present: @Sendable (Prompt) -> Void) async throws -> SalesforceSession {
        let pkce = PKCE.generate()
        let state = PKCE.randomState()
        let server = try await LoopbackCallbackServer.start(port: callbackPort, path: callbackPath, expectedState: state)
        let redirectURI = "http://localhost:\(server.port)\(callbackPath)"
        let url = oauth.authorizationURL(
            redirectURI: redirectURI, codeChallenge: pkce.challenge, state: state, scopes: scopes, prompt: prompt, loginHint: loginHint)
        present(Prompt(authorizeURL: url, redirectURI: redirectURI))
        let code: String
        do {
            code = try await server.waitForCode(timeout: timeout)
        } catch {
            await server.close()
            throw error
        }
        await server.close()
        return try await oauth.exchangeCode(code, redirectURI: redirectURI, codeVerifier: pkce.verifier)
    }
}
