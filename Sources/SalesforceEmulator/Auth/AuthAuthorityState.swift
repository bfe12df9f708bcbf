import DealdeckCore

/// What sign-in must remember across an emulator restart: refresh tokens (with the rotation
/// chains they belong to), live sessions, the blocked-flow switch and deactivated users.
///
/// Authorization codes, device codes, browser cookies and half-finished authorize pages are
/// deliberately left out: they live minutes, and a restart ending them is what a real outage does.
public struct AuthAuthorityState: Codable, Sendable, Equatable {
    /// Refresh tokens by token value, including rotated-away ones (kept so that their reuse can
    /// be detected and the whole chain revoked).
    var refreshTokens: [String: RefreshTokenRecord] = [:]
    /// Live sessions by access token.
    var sessions: [String: SessionRecord] = [:]
    /// Control switch: the org blocks the username-password flow (the default in orgs created
    /// since Summer '23).
    var usernamePasswordFlowBlocked = false
    /// Active flags set through the control surface, by lower-cased username. Users not listed
    /// keep the flag `OrgIdentity` gives them.
    var userActive: [String: Bool] = [:]

    public init() {}

    /// One refresh token.
    struct RefreshTokenRecord: Codable, Sendable, Equatable {
        var token: String
        /// The chain this token belongs to: the same for every token rotated out of one grant,
        /// so reuse of an old one can end them all.
        var chain: String
        var userId: SalesforceID
        var clientId: String
        var scopes: [String]
        var issuedAt: SalesforceTimestamp
        /// Rotated away: no longer usable, and presenting it again revokes the chain.
        var rotated = false
    }

    /// One session (access token).
    struct SessionRecord: Codable, Sendable, Equatable {
        var id: String
        var accessToken: String
        var userId: SalesforceID
        var clientId: String
        var scopes: [String]
        var issuedAt: SalesforceTimestamp
        /// The refresh token this session is tied to: revoking or rotating it ends the session.
        var refreshToken: String?
        /// The refresh-token chain, so revoking a chain ends its sessions too.
        var chain: String?
    }
}
