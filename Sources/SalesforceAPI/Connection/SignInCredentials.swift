/// The secrets a sign-in may need, held only for the sign-in: the password and security token
/// are used once and forgotten; the consumer secret is stored sealed by the caller.
public struct SignInCredentials: Sendable {
    public var consumerSecret: String?
    /// The password flow's password (without the security token).
    public var password: String?
    /// Appended to the password; empty when the IP is in the org's trusted ranges.
    public var securityToken: String?

    public init(consumerSecret: String? = nil, password: String? = nil, securityToken: String? = nil) {
        self.consumerSecret = consumerSecret
        self.password = password
        self.securityToken = securityToken
    }
}

extension SignInCredentials: CustomStringConvertible {
    public var description: String { "SignInCredentials(<redacted>)" }
}
