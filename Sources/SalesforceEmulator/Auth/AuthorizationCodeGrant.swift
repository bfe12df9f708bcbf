import DealdeckCore

/// An issued, not yet exchanged authorization code.
struct AuthorizationCodeGrant: Sendable {
    /// Salesforce codes die after 15 minutes.
    static let lifetimeMilliseconds: Int64 = 15 * 60 * 1000

    var request: AuthorizationRequest
    var userId: SalesforceID
    var issuedAt: SalesforceTimestamp
}
