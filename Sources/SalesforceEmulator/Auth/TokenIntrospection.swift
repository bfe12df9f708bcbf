import DealdeckCore

/// What `/services/oauth2/introspect` reports about a live token.
struct TokenIntrospection: Sendable, Equatable {
    enum Kind: String, Sendable { case accessToken = "access_token", refreshToken = "refresh_token" }

    var kind: Kind
    var scopes: [String]
    var clientId: String
    var username: String
    /// The identity URL of the token's user.
    var subject: String
    var issuedAt: SalesforceTimestamp
    /// When an access token stops working; nil for refresh tokens, which live until revoked.
    var expiresAt: SalesforceTimestamp?
}
