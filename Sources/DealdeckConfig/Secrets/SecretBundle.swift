import Foundation

/// Everything Dealdeck keeps sealed in the secrets file: the Connected App's consumer secret, the
/// OAuth tokens, and the details of the current sign-in.
///
/// The sign-in details (`signIn`) are not secret, but they describe the tokens (which org, which
/// user, which instance URL), so they are sealed and replaced together with them: a token and
/// the instance URL it belongs to can never drift apart on disk.
public struct SecretBundle: Codable, Equatable, Sendable {
    /// The Connected App's consumer secret (needed by the password, client-credentials and
    /// refresh grants). It survives `dealdeck logout`; `dealdeck logout --all` forgets it.
    public var consumerSecret: String?
    /// The consumer key `consumerSecret` belongs to (a secret is only reused for its own key).
    public var consumerKey: String?
    public var accessToken: String?
    /// Only the web and device flows get one; the password and client-credentials flows never do.
    public var refreshToken: String?
    public var signIn: SignInRecord?

    public init(
        consumerSecret: String? = nil, consumerKey: String? = nil, accessToken: String? = nil, refreshToken: String? = nil,
        signIn: SignInRecord? = nil
    ) {
        self.consumerSecret = consumerSecret
        self.consumerKey = consumerKey
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.signIn = signIn
    }

    /// Whether a sign-in is stored (an access token and the org it belongs to).
    public var isSignedIn: Bool { accessToken != nil && signIn != nil }

    /// The stored consumer secret if it belongs to `consumerKey`.
    public func consumerSecret(for consumerKey: String) -> String? {
        self.consumerKey == consumerKey ? consumerSecret : nil
    }

    /// Forgets the tokens and the sign-in, keeping the consumer secret.
    public mutating func clearTokens() {
        accessToken = nil
        refreshToken = nil
        signIn = nil
    }
}

extension SecretBundle: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Never the secrets themselves: a bundle printed by accident (a log line, a failed test's
    /// diagnostics) must not leak them.
    public var description: String {
        "SecretBundle(consumerSecret: \(consumerSecret == nil ? "none" : "<redacted>"), "
            + "accessToken: \(accessToken == nil ? "none" : "<redacted>"), refreshToken: \(refreshToken == nil ? "none" : "<redacted>"), "
            + "signIn: \(signIn.map { "\($0.username ?? "?") at \($0.instanceURL)" } ?? "none"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
