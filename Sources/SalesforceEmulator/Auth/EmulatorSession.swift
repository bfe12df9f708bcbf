import DealdeckCore

/// A signed-in API session, as REST and Bulk endpoints see the caller.
public struct EmulatorSession: Sendable, Equatable {
    /// Stable for the session's life; query locators are bound to it, so a refresh that rotates
    /// the session makes old `nextRecordsUrl`s fail as they do on Salesforce.
    public var id: String
    public var accessToken: String
    public var user: OrgUserIdentity
    public var clientId: String
    public var scopes: Set<String>
    public var issuedAt: SalesforceTimestamp
    /// Whether the scopes contain `api` or `full`; without them REST answers 401
    /// "This session is not valid for use with the REST API".
    public var allowsREST: Bool

    public init(
        id: String, accessToken: String, user: OrgUserIdentity, clientId: String, scopes: Set<String>,
        issuedAt: SalesforceTimestamp
    ) {
        self.id = id
        self.accessToken = accessToken
        self.user = user
        self.clientId = clientId
        self.scopes = scopes
        self.issuedAt = issuedAt
        allowsREST = !scopes.isDisjoint(with: OAuthScopes.restScopes)
    }
}
