/// Everything that shapes one emulated org and its server.
public struct EmulatorConfiguration: Sendable, Equatable {
    /// Address to bind; loopback by default so nothing outside the machine can reach it.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free port.
    public var port: Int = 0
    /// How many opportunities the seeded generator creates.
    public var opportunities: Int = 2000
    /// Seed for the deterministic generator: the same seed gives the same org.
    public var seed: UInt64 = 1
    /// Whether the org has multi-currency enabled (adds `CurrencyIsoCode`).
    public var multiCurrency: Bool = false
    /// Session timeout: access tokens stop working this many seconds after issue.
    public var sessionTimeoutSeconds: Int = 7200
    /// Refresh Token Rotation: every refresh returns a new refresh token and kills the old one.
    public var rotateRefreshTokens: Bool = false
    /// Where the org is kept across restarts; nil keeps it in memory only.
    public var stateFile: String?
    /// The org's daily API request limit (`DailyApiRequests.Max`).
    public var dailyAPILimit: Int = 100_000
    /// How long a query locator stays valid after its last use (Salesforce: 2 days since v56).
    public var queryLocatorLifetimeSeconds: Int = 2 * 86_400

    public init() {}
}
