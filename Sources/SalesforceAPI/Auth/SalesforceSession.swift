import Foundation

/// A signed-in session: the tokens and where to use them.
///
/// `instanceURL` is replaced from every token response (orgs move between instances). The
/// description never shows the tokens, so a session that ends up in a log line leaks nothing.
public struct SalesforceSession: Sendable, Equatable {
    public var accessToken: String
    /// Only the web and device flows get one (and only with the `refresh_token` scope).
    public var refreshToken: String?
    /// `https://acme.my.salesforce.com`, no trailing slash.
    public var instanceURL: String
    /// The identity URL (`id` in the token response).
    public var identityURL: String?
    public var issuedAt: Date?
    /// The scopes granted.
    public var scopes: [String]

    public init(
        accessToken: String, refreshToken: String? = nil, instanceURL: String, identityURL: String? = nil, issuedAt: Date? = nil,
        scopes: [String] = []
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.instanceURL = instanceURL
        self.identityURL = identityURL
        self.issuedAt = issuedAt
        self.scopes = scopes
    }

    /// The org ID from the identity URL (`…/id/<orgId>/<userId>`).
    public var organizationId: String? {
        guard let parts = identityURL?.split(separator: "/"), parts.count >= 3, parts[parts.count - 3] == "id" else { return nil }
        return String(parts[parts.count - 2])
    }

    /// The user ID from the identity URL.
    public var userId: String? {
        guard let parts = identityURL?.split(separator: "/"), parts.count >= 3, parts[parts.count - 3] == "id" else { return nil }
        return parts.last.map(String.init)
    }
}

extension SalesforceSession: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "SalesforceSession(instanceURL: \(instanceURL), refreshToken: \(refreshToken == nil ? "none" : "<redacted>"), scopes: "
            + "\(scopes.joined(separator: " ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
