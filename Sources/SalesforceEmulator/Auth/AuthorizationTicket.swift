import DealdeckCore

/// A half-finished interactive approval: the browser has opened the authorize page (or entered
/// a device user code) and is working through the login, account and approval pages.
///
/// The pages carry only the ticket's ID in a hidden field; the request itself stays here, so a
/// scripted browser cannot change the redirect URI or scopes between pages.
struct AuthorizationTicket: Sendable {
    /// Tickets left this long are abandoned pages.
    static let lifetimeMilliseconds: Int64 = 30 * 60 * 1000

    enum Purpose: Sendable {
        case webServer(AuthorizationRequest)
        case device(deviceCode: String)
    }

    var purpose: Purpose
    /// Who is approving: set by the login form, by choosing the signed-in account, or from the
    /// browser session when no page needed to ask.
    var userId: SalesforceID?
    /// `prompt=consent`, or a device approval, which Salesforce always asks for.
    var forceConsent: Bool
    var createdAt: SalesforceTimestamp
}
