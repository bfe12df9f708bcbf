import DealdeckCore
import Foundation

/// Salesforce's sign-in surface: the OAuth 2.0 endpoints, the browser pages behind them, the
/// device-flow connect page and the identity services.
///
/// Paths (on the login hosts and My Domain; a Lightning host answers all of them with an HTML
/// page, as Salesforce does not serve OAuth there):
/// - `POST /services/oauth2/token`: every grant (see `OAuthEndpoint+Token.swift`).
/// - `GET  /services/oauth2/authorize`: the web-server flow; renders the pages below.
/// - `POST /services/oauth2/revoke` (also `GET ?token=`), `POST /services/oauth2/introspect`,
///   `GET|POST /services/oauth2/userinfo`, `GET /id/<orgId>/<userId>`.
/// - `GET|POST /setup/connect`: the device flow's code entry page.
///
/// The pages, for a scripted browser. Each form carries a hidden `ticket` naming the
/// half-finished approval; the request itself (client, redirect URI, scopes, PKCE challenge,
/// state) stays on the server. Field names are fixed:
/// - Login form (`form#login`): `POST /services/oauth2/authorize/login` with `ticket`,
///   `username`, `password` (the password alone, without the security token). A failed login
///   shows the form again with `div#error`. Success sets `sid=…; HttpOnly; Path=/`.
/// - Account chooser (`form#chooser`, shown for `prompt=select_account` when the browser has a
///   `sid`): `POST /services/oauth2/authorize/choose` with `ticket` and `action=continue` (as
///   the signed-in user) or `action=switch` (show the login form).
/// - Approval page (`form#approval`): `POST /services/oauth2/authorize/approve` with `ticket`
///   and `action=allow` or `action=deny`. The web-server flow then answers 302 to the callback;
///   the device flow answers a page with `h1#result`.
/// - Device code entry (`form#connect`): `POST /setup/connect` with `user_code` (and `prompt`),
///   or simply `GET /setup/connect?user_code=XXXXXXXX`, which continues with the login form
///   (or, with a signed-in `sid`, the approval page).
/// Send the `sid` cookie back as `Cookie: sid=…` for the browser to count as signed in.
public struct OAuthEndpoint: EmulatorEndpoint {
    static let tokenPath = "/services/oauth2/token"
    static let authorizePath = "/services/oauth2/authorize"
    static let loginFormPath = "/services/oauth2/authorize/login"
    static let chooseFormPath = "/services/oauth2/authorize/choose"
    static let approveFormPath = "/services/oauth2/authorize/approve"
    static let revokePath = "/services/oauth2/revoke"
    static let introspectPath = "/services/oauth2/introspect"
    static let userinfoPath = "/services/oauth2/userinfo"
    static let connectPath = "/setup/connect"
    static let identityPrefix = "/id/"
    static let cookieName = "sid"

    let auth: AuthAuthority

    public init(services: EmulatorServices) {
        self.init(auth: services.auth)
    }

    /// Everything the endpoint needs is in the authority; tests build it from that alone.
    init(auth: AuthAuthority) {
        self.auth = auth
    }

    public func respond(to request: EmulatorRequest) async -> EmulatorResponse? {
        var path = request.path
        if path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let known = [
            Self.tokenPath, Self.authorizePath, Self.loginFormPath, Self.chooseFormPath, Self.approveFormPath,
            Self.revokePath, Self.introspectPath, Self.userinfoPath, Self.connectPath,
        ]
        guard known.contains(path) || path.hasPrefix(Self.identityPrefix) else { return nil }
        if request.hostRole == .lightning { return .html(200, OAuthPages.lightning()) }
        switch path {
        case Self.tokenPath: return token(request)
        case Self.authorizePath: return authorize(request)
        case Self.loginFormPath: return loginForm(request)
        case Self.chooseFormPath: return chooseForm(request)
        case Self.approveFormPath: return approveForm(request)
        case Self.connectPath: return connect(request)
        case Self.revokePath: return revoke(request)
        case Self.introspectPath: return introspect(request)
        case Self.userinfoPath: return userinfo(request)
        default: return identity(request, path: path)
        }
    }

    // MARK: Shared

    /// A JSON OAuth error body.
    static func errorJSON(_ error: OAuthError) -> EmulatorResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("error", error.error)
        writer.field("error_description", error.errorDescription)
        writer.endObject()
        return noStore(.json(error.status, writer.bytes))
    }

    /// Token responses must not be cached (RFC 6749 §5.1); Salesforce sends the same headers.
    static func noStore(_ response: EmulatorResponse) -> EmulatorResponse {
        var response = response
        response.headers.append(("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private"))
        response.headers.append(("Pragma", "no-cache"))
        return response
    }

    /// The value of one cookie from the `Cookie` header.
    static func cookie(_ name: String, in request: EmulatorRequest) -> String? {
        guard let header = request.header("cookie") else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == name, !parts[1].isEmpty { return parts[1] }
        }
        return nil
    }
}
