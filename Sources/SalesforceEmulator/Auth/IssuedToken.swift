import Crypto
import DealdeckCore
import Foundation

/// A successful token-endpoint answer, before it is written as JSON or form fields.
struct IssuedToken: Sendable, Equatable {
    var accessToken: String
    var refreshToken: String?
    var scopes: [String]
    var instanceURL: String
    /// The identity URL (`id`), on the login host.
    var identityURL: String
    var issuedAt: SalesforceTimestamp
    var signature: String

    /// `issued_at`: epoch milliseconds as a string, as Salesforce sends it.
    var issuedAtText: String { String(issuedAt.millisecondsSinceEpoch) }

    /// The response fields in Salesforce's order. There is never an `expires_in`: Salesforce does
    /// not send one, and clients must learn of expiry from a 401.
    var fields: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = [("access_token", accessToken)]
        if let refreshToken { result.append(("refresh_token", refreshToken)) }
        result.append(("signature", signature))
        result.append(("scope", scopes.joined(separator: " ")))
        result.append(("instance_url", instanceURL))
        result.append(("id", identityURL))
        result.append(("token_type", "Bearer"))
        result.append(("issued_at", issuedAtText))
        return result
    }

    /// `signature`: Base64 HMAC-SHA256 of `id + issued_at`, keyed with the consumer secret, which
    /// lets a client check that the identity URL was not tampered with.
    static func signature(identityURL: String, issuedAt: SalesforceTimestamp, consumerSecret: String) -> String {
        hmacBase64(message: identityURL + String(issuedAt.millisecondsSinceEpoch), key: consumerSecret)
    }

    static func hmacBase64(message: String, key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Data(code).base64EncodedString()
    }
}
