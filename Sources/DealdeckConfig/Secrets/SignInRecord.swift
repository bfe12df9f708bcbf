import Foundation

/// Who is signed in to which org, and with which connection settings: kept in the sealed
/// secrets file next to the tokens it describes (see `SecretBundle`).
public struct SignInRecord: Codable, Equatable, Sendable {
    /// The login host the tokens came from; refreshes and revocation go there.
    public var loginURL: String
    /// `device`, `web`, `password` or `client-credentials`.
    public var authMethod: String
    public var consumerKey: String
    /// The org's `instance_url`, replaced from every token response.
    public var instanceURL: String
    /// The identity URL (`id` in the token response).
    public var identityURL: String?
    public var username: String?
    public var displayName: String?
    /// The signed-in user's 18-character ID (`005…`).
    public var userId: String?
    /// The org's 18-character ID (`00D…`).
    public var organizationId: String?
    /// The scopes Salesforce granted, space-separated.
    public var scopes: String?
    public var signedInAt: Date
    /// A digest of the connection settings used to sign in (host, consumer key and secret,
    /// username, method, scopes). When the settings no longer match it, the tokens are revoked
    /// and purged so that everyone signs in again.
    public var settingsFingerprint: String

    public init(
        loginURL: String, authMethod: String, consumerKey: String, instanceURL: String, identityURL: String? = nil,
        username: String? = nil, displayName: String? = nil, userId: String? = nil, organizationId: String? = nil,
        scopes: String? = nil, signedInAt: Date, settingsFingerprint: String
    ) {
        self.loginURL = loginURL
        self.authMethod = authMethod
        self.consumerKey = consumerKey
        self.instanceURL = instanceURL
        self.identityURL = identityURL
        self.username = username
        self.displayName = displayName
        self.userId = userId
        self.organizationId = organizationId
        self.scopes = scopes
        self.signedInAt = signedInAt
        self.settingsFingerprint = settingsFingerprint
    }
}
