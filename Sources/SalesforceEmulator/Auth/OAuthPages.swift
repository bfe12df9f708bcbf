import DealdeckCore

/// The HTML of the emulated sign-in pages. Plain, dependable markup: each form has a fixed
/// `id`, fixed field names and a relative `action`, so a human in a browser and a scripted
/// "browser" (a test posting the documented fields) take the same path. Every dynamic value is
/// escaped with `HTMLText.escape`.
enum OAuthPages {
    static let appName = "Dealdeck Emulator Connected App"

    /// The login form (`form#login` → `POST /services/oauth2/authorize/login`).
    static func login(ticket: String, usernameHint: String?, message: String?) -> String {
        page(
            title: "Login | Salesforce",
            body: """
                <h1>Log In</h1>
                \(message.map { "<div id=\"error\" class=\"loginError\" role=\"alert\">\(HTMLText.escape($0))</div>" } ?? "")
                <form id="login" name="login" method="post" action="\(OAuthEndpoint.loginFormPath)">
                <input type="hidden" name="ticket" value="\(HTMLText.escape(ticket))">
                <label for="username">Username</label>
                <input type="email" id="username" name="username" value="\(HTMLText.escape(usernameHint ?? ""))" autocomplete="username">
                <label for="password">Password</label>
                <input type="password" id="password" name="password" value="" autocomplete="current-password">
                <input type="submit" id="Login" name="Login" value="Log In">
                </form>
                """
        )
    }

    /// The account chooser (`form#chooser` → `POST /services/oauth2/authorize/choose`).
    static func chooser(ticket: String, user: OrgUserIdentity) -> String {
        page(
            title: "Choose a Username | Salesforce",
            body: """
                <h1>Choose a Username</h1>
                <form id="chooser" name="chooser" method="post" action="\(OAuthEndpoint.chooseFormPath)">
                <input type="hidden" name="ticket" value="\(HTMLText.escape(ticket))">
                <button type="submit" id="continue" name="action" value="continue">\(HTMLText.escape(user.displayName)) \
                (\(HTMLText.escape(user.username)))</button>
                <button type="submit" id="switch" name="action" value="switch">Log in with a different username</button>
                </form>
                """
        )
    }

    /// The Allow/Deny page (`form#approval` → `POST /services/oauth2/authorize/approve`).
    static func approval(ticket: String, user: OrgUserIdentity, scopes: [String], isDevice: Bool) -> String {
        let items = scopeDescriptions(scopes).map { "<li>\(HTMLText.escape($0))</li>" }.joined(separator: "\n")
        return page(
            title: "Allow Access? | Salesforce",
            body: """
                <h1>Allow Access?</h1>
                <p><strong>\(HTMLText.escape(appName))</strong> is asking to:</p>
                <ul id="scopes">
                \(items)
                </ul>
                <p>\(isDevice ? "A device is requesting access to your account." : "Do you want to allow access for") \
                <span id="user">\(HTMLText.escape(user.username))</span>?</p>
                <form id="approval" name="approval" method="post" action="\(OAuthEndpoint.approveFormPath)">
                <input type="hidden" name="ticket" value="\(HTMLText.escape(ticket))">
                <button type="submit" id="oaapprove" name="action" value="allow">Allow</button>
                <button type="submit" id="oadeny" name="action" value="deny">Deny</button>
                </form>
                """
        )
    }

    /// The device code entry page (`form#connect` → `POST /setup/connect`).
    static func deviceCodeEntry(message: String?, forceLogin: Bool) -> String {
        page(
            title: "Connect Your Device | Salesforce",
            body: """
                <h1>Connect Your Device</h1>
                \(message.map { "<div id=\"error\" class=\"loginError\" role=\"alert\">\(HTMLText.escape($0))</div>" } ?? "")
                <form id="connect" name="connect" method="post" action="\(OAuthEndpoint.connectPath)">
                \(forceLogin ? "<input type=\"hidden\" name=\"prompt\" value=\"login\">" : "")
                <label for="user_code">Enter the code displayed on your device</label>
                <input type="text" id="user_code" name="user_code" value="" maxlength="16" autocomplete="off">
                <input type="submit" id="save" name="save" value="Connect">
                </form>
                """
        )
    }

    static func deviceFinished(approved: Bool) -> String {
        approved
            ? page(title: "Success | Salesforce", body: "<h1 id=\"result\">You're connected!</h1><p>Return to your device to continue.</p>")
            : page(title: "Access Denied | Salesforce", body: "<h1 id=\"result\">Access denied</h1><p>Your device was not connected.</p>")
    }

    /// An authorize error shown in the browser rather than sent to the callback (an unknown
    /// client or a callback the app does not accept), in Salesforce's `error=…` wording.
    static func error(_ error: OAuthError) -> String {
        page(
            title: "Error | Salesforce",
            body: """
                <h1>OAuth Error</h1>
                <p id="error">error=\(HTMLText.escape(error.error))&amp;error_description=\(HTMLText.escape(error.errorDescription))</p>
                <p>We can't authorize you because of an OAuth error. For more information, contact your Salesforce administrator.</p>
                """
        )
    }

    static func expired() -> String {
        page(
            title: "Session Expired | Salesforce",
            body: "<h1 id=\"error\">Your session has expired</h1><p>Start the sign-in again from your application.</p>"
        )
    }

    /// What a Lightning Experience host serves for sign-in paths: a page, not OAuth. Salesforce
    /// does not serve OAuth or the API on `*.lightning.force.com`, so a client configured with
    /// that URL gets HTML back and must say so.
    static func lightning() -> String {
        page(
            title: "Lightning Experience | Salesforce",
            body: """
                <h1>Lightning Experience</h1>
                <p>This is a Lightning Experience address (<code>*.lightning.force.com</code>). It does not serve OAuth \
                or the API: use your org's My Domain address (<code>*.my.salesforce.com</code>) or a login host instead.</p>
                """
        )
    }

    /// Human wording for the scopes on the approval page.
    static func scopeDescriptions(_ scopes: [String]) -> [String] {
        var lines: [String] = []
        var seen = Set<String>()
        for scope in scopes {
            let line: String
            switch scope {
            case "api": line = "Manage user data via APIs (api)"
            case "web": line = "Manage user data via Web browsers (web)"
            case "full": line = "Full access (full)"
            case "refresh_token", "offline_access": line = "Perform requests at any time (refresh_token, offline_access)"
            case "openid": line = "Access unique user identifiers (openid)"
            case "id", "profile", "email", "address", "phone": line = "Access the identity URL service (id, profile, email, address, phone)"
            default: line = "Access \(scope) (\(scope))"
            }
            if seen.insert(line).inserted { lines.append(line) }
        }
        return lines
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title></head>
        <body>
        \(body)
        </body></html>
        """
    }
}
