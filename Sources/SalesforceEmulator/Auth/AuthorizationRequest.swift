/// A validated web-server-flow authorize request, kept while the browser works through the
/// login, account and approval pages.
struct AuthorizationRequest: Sendable, Equatable {
    var clientId: String
    var redirectURI: String
    var state: String?
    var scopes: [String]
    /// The S256 challenge, when the client uses PKCE.
    var codeChallenge: String?
    var usernameHint: String?
}
