import Foundation

/// One HTTP request as the emulator's endpoints see it: method, decoded path, query, headers
/// and the whole body. Keeping endpoints off Hummingbird's types lets them be tested directly.
public struct EmulatorRequest: Sendable {
    public var method: String
    /// The percent-decoded path without the query, e.g. `/services/data/v62.0/query`.
    public var path: String
    /// The raw query string (after `?`), still percent-encoded.
    public var rawQuery: String
    /// Header names are lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The peer's IP address as the server saw it; nil for requests built in-process.
    /// The control surface refuses peers that are not loopback.
    public var remoteAddress: String?

    public init(method: String, path: String, rawQuery: String = "", headers: [String: String] = [:], body: [UInt8] = [], remoteAddress: String? = nil) {
        self.method = method.uppercased()
        self.path = path
        self.rawQuery = rawQuery
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
        self.remoteAddress = remoteAddress
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The `Host` header, lower-cased, including the port when the client sent one.
    public var host: String { (header("host") ?? "").lowercased() }

    /// Which Salesforce host this request was addressed to.
    public var hostRole: HostRole { HostRole(hostHeader: host) }

    /// Path split on `/`, without empty components.
    public var pathComponents: [String] { path.split(separator: "/").map(String.init) }

    /// Query parameters, first value wins; `+` decodes to a space as in HTML forms and SOQL URLs.
    public var queryParameters: [String: String] { FormURLEncoding.decode(rawQuery) }
}
