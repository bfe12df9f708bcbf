/// The shared state of one running emulated org, handed to every endpoint.
///
/// `AuthAuthority` (Auth/) owns sign-in: clients, tokens, sessions, codes. `OrgStore` (Org/)
/// owns the data: users, accounts, opportunities, the recycle bin. `APIUsageMeter` counts API
/// calls against the daily limit, and `FaultInjector` makes chosen requests fail on purpose.
public struct EmulatorServices: Sendable {
    public let configuration: EmulatorConfiguration
    public let credentials: EmulatorCredentials
    public let identity: OrgIdentity
    public let clock: EmulatorClock
    public let auth: AuthAuthority
    public let org: OrgStore
    public let usage: APIUsageMeter
    public let faults: FaultInjector
    /// Base URLs as clients reach them, filled in once the port is known.
    public let urls: EmulatorURLs
}

/// The emulator's addresses, all on one loopback port (see `HostRole`).
public struct EmulatorURLs: Sendable, Equatable {
    /// `http://127.0.0.1:PORT`: the base URL, also the production login host.
    public var url: String
    /// The login host to give clients (same as `url`).
    public var loginURL: String
    /// `http://localhost:PORT`: the org's My Domain, returned as `instance_url`.
    public var myDomainURL: String

    public init(host: String, port: Int) {
        url = "http://\(host):\(port)"
        loginURL = url
        myDomainURL = "http://localhost:\(port)"
    }
}
