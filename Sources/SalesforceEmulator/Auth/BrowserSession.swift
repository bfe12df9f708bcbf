import DealdeckCore

/// A "browser" signed in to the emulated org's login pages (the `sid` cookie), which lets a
/// later authorize request skip the login form unless `prompt=login` asks for it.
struct BrowserSession: Sendable {
    var userId: SalesforceID
    var signedInAt: SalesforceTimestamp
}
