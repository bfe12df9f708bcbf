import Foundation

/// The URL policy every request passes: `https://` anywhere, plain `http://` only to this
/// machine (the emulator on loopback). Salesforce itself is HTTPS-only, and an `http://` URL to a
/// remote host would send tokens and passwords in clear text.
enum EndpointSecurity {
    /// Throws unless `url` is an absolute `https://` URL, or `http://` to a loopback host.
    static func check(_ url: String) throws(SalesforceAPIError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw .invalidURL(url) }
        switch scheme {
        case "https": return
        case "http":
            guard isLoopback(host) else { throw .insecureURL(host) }
        default:
            throw .invalidURL(url)
        }
    }

    /// `localhost`, `::1` and the whole 127.0.0.0/8 block.
    static func isLoopback(_ rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "localhost." || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) ? Int($0) : nil }
        return values.count == 4 && values.allSatisfy { $0 <= 255 } && values[0] == 127
    }

    /// The host (and port) of a URL for messages; never the path or query, which may carry codes.
    static func displayHost(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
