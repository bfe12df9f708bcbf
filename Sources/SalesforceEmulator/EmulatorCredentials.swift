/// The Connected App and the API user's credentials of the emulated org.
///
/// Printed once on the ready line so tests and demos can sign in; never logged.
public struct EmulatorCredentials: Sendable, Equatable, Codable {
    public var consumerKey: String
    public var consumerSecret: String
    public var username: String
    public var password: String
    public var securityToken: String

    public init(consumerKey: String, consumerSecret: String, username: String, password: String, securityToken: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.username = username
        self.password = password
        self.securityToken = securityToken
    }

    /// Deterministic credentials for a seed, in Salesforce's formats (a `3MVG9…` consumer key,
    /// a 64-digit consumer secret, a 24-character security token).
    public static func seeded(_ seed: UInt64) -> EmulatorCredentials {
        var random = SeededRandom(seed: seed ^ 0xC0FFEE)
        let keyAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._")
        let tokenAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let key = "3MVG9" + String((0..<80).map { _ in keyAlphabet[random.next(below: keyAlphabet.count)] })
        let secret = String((0..<64).map { _ in Character(String(random.next(below: 10))) })
        let token = String((0..<24).map { _ in tokenAlphabet[random.next(below: tokenAlphabet.count)] })
        let password = "Deal&deck+" + String((0..<8).map { _ in tokenAlphabet[random.next(below: tokenAlphabet.count)] }) + "%1"
        return EmulatorCredentials(
            consumerKey: key,
            consumerSecret: secret,
            username: "admin@dealdeck-demo.example",
            password: password,
            securityToken: token
        )
    }
}
