/// A person who uses Dealdeck (not necessarily a Salesforce user).
public struct AppUser: Equatable, Hashable, Sendable, Codable {
    /// Unique, case-insensitive login name, e.g. `alice`.
    public var loginName: String
    public var displayName: String
    public var email: String?
    public var role: AppRole
    /// The Salesforce user this person is, if any: opportunities they own are assigned to them.
    public var salesforceUserId: SalesforceID?

    public init(loginName: String, displayName: String, email: String? = nil, role: AppRole, salesforceUserId: SalesforceID? = nil) {
        self.loginName = loginName
        self.displayName = displayName
        self.email = email
        self.role = role
        self.salesforceUserId = salesforceUserId
    }

    public var isAdmin: Bool { role == .admin }
}
