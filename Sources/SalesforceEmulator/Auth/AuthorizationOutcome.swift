import DealdeckCore

/// Where an interactive approval goes next: which page the browser sees, or where it is sent.
struct AuthorizationOutcome: Sendable {
    enum Page: Sendable {
        /// The login form; `message` explains a failed attempt.
        case login(ticket: String, usernameHint: String?, message: String?)
        /// The account chooser (`prompt=select_account` with a signed-in browser).
        case chooseAccount(ticket: String, user: OrgUserIdentity)
        /// The Allow/Deny page.
        case approve(ticket: String, user: OrgUserIdentity, scopes: [String], isDevice: Bool)
        /// A 302 to the client's callback, with a code or an error.
        case redirect(String)
        /// The device flow's closing page.
        case deviceFinished(approved: Bool)
        /// The ticket is unknown or too old, or its device code has expired.
        case expired
    }

    var page: Page
    /// A browser session just signed in, to set as the `sid` cookie.
    var newBrowserSession: String?

    init(_ page: Page, newBrowserSession: String? = nil) {
        self.page = page
        self.newBrowserSession = newBrowserSession
    }
}
