import DealdeckCore
import Foundation

/// The web-server flow in the browser: `GET /services/oauth2/authorize` and the login, account
/// chooser and approval forms it leads to (field names in `OAuthEndpoint`'s documentation).
extension OAuthEndpoint {
    func authorize(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .html(400, OAuthPages.error(OAuthError(error: "invalid_request", errorDescription: "must use HTTP GET")))
        }
        let query = OAuthRequestParameters(values: request.queryParameters)
        let state = query["state"]
        let redirectURI = query["redirect_uri"]
        // Errors found before the callback is trusted are shown as a page. An unknown client is
        // sent back to an acceptable callback instead, as Salesforce does (postman-salesforce-apis#42).
        guard query["client_id"] == auth.credentials.consumerKey else {
            if let redirectURI, Self.acceptsRedirect(redirectURI) {
                return .redirect(to: Self.errorCallback(redirectURI, .unknownClient, state: state))
            }
            return .html(400, OAuthPages.error(.unknownClient))
        }
        guard let redirectURI else {
            return .html(400, OAuthPages.error(OAuthError(error: "redirect_uri_missing", errorDescription: "redirect_uri not provided")))
        }
        guard Self.acceptsRedirect(redirectURI) else { return .html(400, OAuthPages.error(.redirectMismatch)) }
        guard query["response_type"] == "code" else {
            let unsupported = OAuthError(error: "unsupported_response_type", errorDescription: "response type not supported")
            return .redirect(to: Self.errorCallback(redirectURI, unsupported, state: state))
        }
        let scopes: [String]
        do throws(OAuthError) {
            scopes = try OAuthScopes.grantForUser(query["scope"])
        } catch {
            return .redirect(to: Self.errorCallback(redirectURI, error, state: state))
        }
        let challenge = query["code_challenge"]
        // jsforce and the sf CLI send no method; S256 is then assumed. Salesforce supports no other.
        if challenge != nil, let method = query["code_challenge_method"], method != "S256" {
            let invalid = OAuthError(error: "invalid_request", errorDescription: "invalid code challenge method")
            return .redirect(to: Self.errorCallback(redirectURI, invalid, state: state))
        }
        let prompt = Set((query["prompt"] ?? "").split(whereSeparator: { $0 == " " || $0 == "+" }).map { $0.lowercased() })
        let authorization = AuthorizationRequest(
            clientId: auth.credentials.consumerKey, redirectURI: redirectURI, state: state, scopes: scopes,
            codeChallenge: challenge, usernameHint: query["login_hint"]
        )
        let outcome = auth.beginAuthorization(
            authorization, browserSession: Self.cookie(Self.cookieName, in: request), prompt: prompt,
            immediate: query["immediate"]?.lowercased() == "true" || prompt.contains("none")
        )
        return Self.render(outcome)
    }

    /// `POST /services/oauth2/authorize/login`: `ticket`, `username`, `password`.
    func loginForm(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "POST" else { return .html(405, OAuthPages.expired()) }
        let form = OAuthRequestParameters(request: request)
        guard let ticket = form["ticket"] else { return .html(400, OAuthPages.expired()) }
        let outcome = auth.submitLogin(ticket: ticket, username: form["username"] ?? "", password: form["password"] ?? "")
        return Self.render(outcome)
    }

    /// `POST /services/oauth2/authorize/choose`: `ticket`, `action=continue|switch`.
    func chooseForm(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "POST" else { return .html(405, OAuthPages.expired()) }
        let form = OAuthRequestParameters(request: request)
        guard let ticket = form["ticket"] else { return .html(400, OAuthPages.expired()) }
        let outcome = auth.chooseAccount(
            ticket: ticket, continueAsSignedIn: form["action"] == "continue",
            browserSession: Self.cookie(Self.cookieName, in: request)
        )
        return Self.render(outcome)
    }

    /// `POST /services/oauth2/authorize/approve`: `ticket`, `action=allow|deny`.
    func approveForm(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "POST" else { return .html(405, OAuthPages.expired()) }
        let form = OAuthRequestParameters(request: request)
        guard let ticket = form["ticket"] else { return .html(400, OAuthPages.expired()) }
        return Self.render(auth.decide(ticket: ticket, allow: form["action"] == "allow"))
    }

    /// `GET|POST /setup/connect`: the device flow's code entry, then login and approval.
    /// `prompt=login` forces the login form even for a signed-in browser (Winter '23).
    func connect(_ request: EmulatorRequest) -> EmulatorResponse {
        let form = OAuthRequestParameters(request: request)
        let forceLogin = (form["prompt"] ?? "").split(whereSeparator: { $0 == " " || $0 == "+" }).contains { $0 == "login" }
        guard let userCode = form["user_code"] else {
            return .html(200, OAuthPages.deviceCodeEntry(message: nil, forceLogin: forceLogin))
        }
        guard
            let outcome = auth.beginDeviceApproval(
                userCode: userCode, browserSession: Self.cookie(Self.cookieName, in: request), forceLogin: forceLogin
            )
        else {
            return .html(
                200,
                OAuthPages.deviceCodeEntry(
                    message: "The code you entered is invalid or has expired. Check the code and try again.",
                    forceLogin: forceLogin
                )
            )
        }
        return Self.render(outcome)
    }

    /// Loopback callbacks on any port and path are accepted, for any client: a real Connected
    /// App registers exact callback URLs, but a terminal client picks a free local port at run
    /// time (the sf CLI uses `http://localhost:1717/OauthRedirect`), and the emulator has no
    /// app registry to configure. Everything else is refused with `redirect_uri_mismatch`.
    static func acceptsRedirect(_ uri: String) -> Bool {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host?.lowercased(),
            components.fragment == nil
        else { return false }
        return ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
    }

    static func errorCallback(_ redirectURI: String, _ error: OAuthError, state: String?) -> String {
        AuthAuthority.callback(redirectURI, [("error", error.error), ("error_description", error.errorDescription)], state: state)
    }

    static func render(_ outcome: AuthorizationOutcome) -> EmulatorResponse {
        var response: EmulatorResponse
        switch outcome.page {
        case .login(let ticket, let hint, let message):
            response = .html(200, OAuthPages.login(ticket: ticket, usernameHint: hint, message: message))
        case .chooseAccount(let ticket, let user):
            response = .html(200, OAuthPages.chooser(ticket: ticket, user: user))
        case .approve(let ticket, let user, let scopes, let isDevice):
            response = .html(200, OAuthPages.approval(ticket: ticket, user: user, scopes: scopes, isDevice: isDevice))
        case .redirect(let location):
            response = .redirect(to: location)
        case .deviceFinished(let approved):
            response = .html(200, OAuthPages.deviceFinished(approved: approved))
        case .expired:
            response = .html(400, OAuthPages.expired())
        }
        if let sid = outcome.newBrowserSession {
            response.headers.append(("Set-Cookie", "\(cookieName)=\(sid); HttpOnly; Path=/"))
        }
        response.headers.append(("Cache-Control", "no-store"))
        return response
    }
}
