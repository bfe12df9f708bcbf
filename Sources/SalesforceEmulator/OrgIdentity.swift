import DealdeckCore

/// The fixed people and IDs of the emulated org that sign-in depends on.
///
/// The org data (`Org/`) lists these users in its User table so that ownership, identity,
/// userinfo and the token responses all agree.
public struct OrgIdentity: Sendable, Equatable {
    /// The 18-character organization ID (`00D…`).
    public var organizationId: SalesforceID
    /// The API user who signs in with the password, web and device flows (an admin).
    public var apiUser: OrgUserIdentity
    /// The integration user that the client-credentials flow runs as.
    public var integrationUser: OrgUserIdentity
    /// The org's My Domain name, e.g. `dealdeck-demo` (as in `dealdeck-demo.my.salesforce.com`).
    public var myDomainName: String

    public static func seeded(_ seed: UInt64, credentials: EmulatorCredentials) -> OrgIdentity {
        OrgIdentity(
            organizationId: SalesforceID(keyPrefix: "00D", pod: "5e", number: Int(seed % 1_000_000) + 1),
            apiUser: OrgUserIdentity(
                id: SalesforceID(keyPrefix: "005", pod: "5e", number: 1),
                username: credentials.username,
                firstName: "Dana",
                lastName: "Admin",
                email: "dana.admin@dealdeck-demo.example"
            ),
            integrationUser: OrgUserIdentity(
                id: SalesforceID(keyPrefix: "005", pod: "5e", number: 2),
                username: "integration@dealdeck-demo.example",
                firstName: "Integration",
                lastName: "User",
                email: "integration@dealdeck-demo.example"
            ),
            myDomainName: "dealdeck-demo"
        )
    }
}

/// A user as sign-in and identity endpoints describe them.
public struct OrgUserIdentity: Sendable, Equatable, Codable {
    public var id: SalesforceID
    public var username: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var isActive: Bool = true

    public var displayName: String { firstName + " " + lastName }
}
