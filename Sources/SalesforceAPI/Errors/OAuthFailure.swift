/// An OAuth endpoint's refusal, as Salesforce words it: `{"error","error_description"}`.
public struct OAuthFailure: Sendable, Equatable {
    public var error: String
    public var errorDescription: String
    public var status: Int

    public init(error: String, errorDescription: String, status: Int = 400) {
        self.error = error
        self.errorDescription = errorDescription
        self.status = status
    }

    /// `invalid_grant` with `expired access/refresh token`: revoked, expired or rotated away.
    public var isExpiredToken: Bool { error == "invalid_grant" && errorDescription.lowercased().contains("expired access/refresh token") }

    /// `invalid_grant` with `inactive user`.
    public var isInactiveUser: Bool {
        error == "inactive_user" || (error == "invalid_grant" && errorDescription.lowercased().contains("inactive user"))
    }

    /// `invalid_grant` with `authentication failure`: bad username, password or security
    /// token, an IP restriction, or the username-password flow blocked in the org.
    public var isAuthenticationFailure: Bool {
        error == "invalid_grant" && errorDescription.lowercased().contains("authentication failure")
    }

    /// `invalid_grant` with `request not supported on this domain`: client credentials sent to
    /// a generic login host.
    public var isWrongDomain: Bool { errorDescription.lowercased().contains("not supported on this domain") }

    /// The pair as Salesforce sent it, for "what was seen" lines (never contains a secret).
    public var summary: String { "\(error): \(errorDescription)" }
}
