/// Which Salesforce host a request was addressed to, read from its `Host` header.
///
/// The emulator listens on one loopback port and plays several hosts: `127.0.0.1:PORT`
/// (and `login.salesforce.com`) is the production login host, `test.salesforce.com` the
/// sandbox login host, `localhost:PORT` (and any `*.my.salesforce.com`) the org's My Domain,
/// which is also its `instance_url`, and `*.lightning.force.com` the Lightning UI host that
/// real Salesforce does not serve the API on.
public enum HostRole: Sendable, Equatable {
    case productionLogin
    case sandboxLogin
    case myDomain
    case lightning

    public init(hostHeader: String) {
        let name = hostHeader.split(separator: ":").first.map(String.init) ?? hostHeader
        if name == "localhost" || name.hasSuffix(".my.salesforce.com") {
            self = .myDomain
        } else if name.hasSuffix(".lightning.force.com") {
            self = .lightning
        } else if name == "test.salesforce.com" {
            self = .sandboxLogin
        } else {
            self = .productionLogin
        }
    }

    /// Whether this is one of the generic login hosts (client credentials are refused there).
    public var isGenericLoginHost: Bool { self == .productionLogin || self == .sandboxLogin }
}
