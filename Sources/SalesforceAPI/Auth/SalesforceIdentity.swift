/// Who is signed in, from the OpenID `userinfo` endpoint.
public struct SalesforceIdentity: Sendable, Equatable, Codable {
    /// The 18-character user ID (`005…`).
    public var userId: String
    /// The 18-character org ID (`00D…`).
    public var organizationId: String
    public var username: String
    public var displayName: String?
    public var email: String?
    /// The identity URL (`sub`).
    public var identityURL: String?
    public var isActive: Bool?

    public init(
        userId: String, organizationId: String, username: String, displayName: String? = nil, email: String? = nil,
        identityURL: String? = nil, isActive: Bool? = nil
    ) {
        self.userId = userId
        self.organizationId = organizationId
        self.username = username
        self.displayName = displayName
        self.email = email
        self.identityURL = identityURL
        self.isActive = isActive
    }

    /// "Dana Admin (admin@acme.com)".
    public var summary: String {
        guard let displayName, !displayName.isEmpty, displayName != username else { return username }
        return "\(displayName) (\(username))"
    }

    /// Reads a `userinfo` answer.
    init?(userinfo record: SalesforceRecord) {
        guard let userId = record.string("user_id"), let organizationId = record.string("organization_id"),
            let username = record.string("preferred_username") ?? record.string("username")
        else { return nil }
        self.init(
            userId: userId, organizationId: organizationId, username: username,
            displayName: record.string("name") ?? record.string("display_name"), email: record.string("email"),
            identityURL: record.string("sub") ?? record.string("id"), isActive: record.bool("active"))
    }
}
