import Foundation

/// The host Dealdeck signs in at: production (`https://login.salesforce.com`), sandbox
/// (`https://test.salesforce.com`) or a My Domain. Token requests, refreshes and revocation go
/// here; data requests go to the `instance_url` the token endpoint returns.
public struct LoginHost: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `login.salesforce.com`.
        case production
        /// `test.salesforce.com`.
        case sandbox
        /// `*.my.salesforce.com`.
        case myDomain
        /// `*.sandbox.my.salesforce.com`.
        case sandboxMyDomain
        /// Anything else: an instance host such as `na1.salesforce.com`, or the emulator.
        case other
    }

    /// `scheme://host[:port]`, no path and no trailing slash.
    public let url: String
    /// The host name, lowercased.
    public let host: String
    public let kind: Kind

    public static let production = LoginHost(trusted: "https://login.salesforce.com", host: "login.salesforce.com", kind: .production)
    public static let sandbox = LoginHost(trusted: "https://test.salesforce.com", host: "test.salesforce.com", kind: .sandbox)

    private init(trusted url: String, host: String, kind: Kind) {
        self.url = url
        self.host = host
        self.kind = kind
    }

    /// Reads a login URL as a person would type it (`acme.my.salesforce.com` works too) and
    /// checks it: a Lightning address is refused with the My Domain to use instead, and plain
    /// `http://` only works for this machine.
    public init(parsing text: String) throws(SalesforceAPIError) {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidURL(text) }
        if !trimmed.contains("://") { trimmed = "https://" + trimmed }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let rawHost = components.host, !rawHost.isEmpty
        else { throw .invalidURL(text) }
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host.hasSuffix(".lightning.force.com") {
            let myDomain = String(host.dropLast(".lightning.force.com".count)) + ".my.salesforce.com"
            throw .lightningURL(given: text, suggested: "https://" + myDomain)
        }
        var url = scheme + "://" + (host.contains(":") ? "[\(host)]" : host)
        if let port = components.port { url += ":\(port)" }
        try EndpointSecurity.check(url)
        self.url = url
        self.host = host
        if host == "login.salesforce.com" {
            kind = .production
        } else if host == "test.salesforce.com" {
            kind = .sandbox
        } else if host.hasSuffix(".sandbox.my.salesforce.com") {
            kind = .sandboxMyDomain
        } else if host.hasSuffix(".my.salesforce.com") {
            kind = .myDomain
        } else {
            kind = .other
        }
    }

    /// login.salesforce.com and test.salesforce.com: the client-credentials flow is refused there.
    public var isGenericLoginHost: Bool { kind == .production || kind == .sandbox }

    /// A sandbox login host (test.salesforce.com or a sandbox My Domain).
    public var isSandbox: Bool { kind == .sandbox || kind == .sandboxMyDomain }

    public var description: String { url }

    /// `url` plus an absolute path.
    func endpoint(_ path: String) -> String { url + path }
}
