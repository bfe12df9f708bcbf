/// How a client gets a new session when Salesforce says the current one expired.
///
/// Salesforce sends no expiry time, so renewal is driven by 401 `INVALID_SESSION_ID`: refresh
/// with the refresh token (web and device sign-ins), run the client-credentials grant again,
/// or ask for the password again (a `password_command`, or a prompt supplied by the caller).
public struct SessionRenewal: Sendable {
    public let renew: @Sendable (SalesforceSession) async throws -> SalesforceSession

    public init(_ renew: @escaping @Sendable (SalesforceSession) async throws -> SalesforceSession) {
        self.renew = renew
    }

    /// Cannot renew: the user must sign in again.
    public static let none = SessionRenewal { _ in throw SalesforceAPIError.sessionExpired }

    /// The refresh-token grant at the login host (never at `instance_url`, which can move).
    public static func refreshToken(_ oauth: OAuthClient) -> SessionRenewal {
        SessionRenewal { session in
            guard let refreshToken = session.refreshToken else { throw SalesforceAPIError.sessionExpired }
            return try await oauth.refresh(refreshToken)
        }
    }

    /// A fresh client-credentials grant (that flow has no refresh token; the secret is enough).
    public static func clientCredentials(_ oauth: OAuthClient) -> SessionRenewal {
        SessionRenewal { _ in try await oauth.clientCredentialsGrant() }
    }

    /// A fresh password grant with credentials fetched on demand (`password_command` or a prompt);
    /// `credentials` returns the password with the security token appended.
    public static func password(_ oauth: OAuthClient, username: String, credentials: @escaping @Sendable () async throws -> String) -> SessionRenewal
    {
        SessionRenewal { _ in
            let secret = try await credentials()
            return try await oauth.passwordGrant(username: username, password: secret, securityToken: "")
        }
    }
}
