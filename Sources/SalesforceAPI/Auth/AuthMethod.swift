import Foundation

/// How Dealdeck signs in. Device and browser login come first; the username-password flow is
/// offered for orgs that still allow it; client credentials are for integration users.
public enum AuthMethod: String, Sendable, Equatable, CaseIterable, Codable {
    /// OAuth device flow: a code to enter at a Salesforce page on any device. Works over SSH.
    case device
    /// Browser login (web-server flow with PKCE) with a loopback callback.
    case web
    /// Username + password + security token (OAuth password grant). No refresh token.
    case password
    /// Client credentials (server-to-server, runs as the app's integration user). My Domain only.
    case clientCredentials = "client-credentials"

    /// Reads a method name as typed (`client_credentials` and `browser` work too).
    public init?(parsing text: String) {
        switch text.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "device": self = .device
        case "web", "browser": self = .web
        case "password", "username-password": self = .password
        case "client-credentials": self = .clientCredentials
        default: return nil
        }
    }

    /// Whether sign-in needs the consumer secret (the interactive flows work without it when the
    /// connected app does not require it).
    public var requiresConsumerSecret: Bool { self == .password || self == .clientCredentials }

    /// Human name for messages.
    public var label: String {
        switch self {
        case .device: return "device"
        case .web: return "browser"
        case .password: return "username-password"
        case .clientCredentials: return "client-credentials"
        }
    }
}
