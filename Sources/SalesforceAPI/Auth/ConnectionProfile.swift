import Crypto
import Foundation

/// The non-secret connection settings: where and how to sign in, and which API version to use.
/// The CLI builds it from `config.toml` plus command-line flags; nothing here is a secret.
public struct ConnectionProfile: Sendable, Equatable {
    public var loginHost: LoginHost
    public var method: AuthMethod
    public var consumerKey: String
    public var username: String?
    /// OAuth scopes; the least that works by default (`api refresh_token`).
    public var scopes: [String]
    /// `login`, `consent`, `select_account` (space-separated combinations too), or nil.
    public var prompt: String?
    /// The loopback port of the browser flow's callback.
    public var callbackPort: Int
    /// `62.0`.
    public var apiVersion: String

    public static let defaultScopes = ["api", "refresh_token"]
    public static let defaultCallbackPort = 1717
    public static let defaultAPIVersion = "62.0"

    public init(
        loginHost: LoginHost = .production, method: AuthMethod = .device, consumerKey: String, username: String? = nil,
        scopes: [String] = ConnectionProfile.defaultScopes, prompt: String? = nil, callbackPort: Int = ConnectionProfile.defaultCallbackPort,
        apiVersion: String = ConnectionProfile.defaultAPIVersion
    ) {
        self.loginHost = loginHost
        self.method = method
        self.consumerKey = consumerKey
        self.username = username
        self.scopes = scopes.isEmpty ? Self.defaultScopes : scopes
        self.prompt = prompt
        self.callbackPort = callbackPort
        self.apiVersion = Self.normalizedVersion(apiVersion)
    }

    /// Splits a scope setting (`"api refresh_token"`, commas work too).
    public static func parseScopes(_ text: String?) -> [String] {
        let names = (text ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "+" }).map(String.init)
        return names.isEmpty ? defaultScopes : names
    }

    /// `62`, `62.0` and `v62.0` all mean `62.0`.
    public static func normalizedVersion(_ text: String) -> String {
        var version = text.trimmingCharacters(in: .whitespaces)
        if version.lowercased().hasPrefix("v") { version.removeFirst() }
        if !version.contains(".") { version += ".0" }
        return version
    }

    /// A digest of everything that, when changed, must end the current sign-in: host, consumer
    /// key and secret, username, method and scopes. Stored with the tokens; the secret enters
    /// only through SHA-256, so the digest reveals nothing about it.
    public func fingerprint(consumerSecret: String?) -> String {
        let secretDigest = consumerSecret.map { SHA256.hash(data: Data($0.utf8)).map { String(format: "%02x", $0) }.joined() } ?? "-"
        let parts = [
            loginHost.url, consumerKey, secretDigest, username?.lowercased() ?? "-", method.rawValue, scopes.sorted().joined(separator: " "),
        ]
        let digest = SHA256.hash(data: Data(parts.joined(separator: "\n").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
