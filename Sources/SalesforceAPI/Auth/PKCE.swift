import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636, S256) and the `state` value of the browser flow.
public struct PKCE: Sendable, Equatable {
    /// Base64url of 64 random bytes: 86 characters of `[A-Za-z0-9_-]` only. Salesforce rejects
    /// verifiers containing `~` although the RFC allows it, so no other characters are used.
    public let verifier: String
    /// Base64url (no padding) of the verifier's SHA-256.
    public let challenge: String

    public init(verifier: String) {
        self.verifier = verifier
        challenge = Self.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// A fresh random verifier.
    public static func generate() -> PKCE {
        PKCE(verifier: base64URL(randomBytes(64)))
    }

    /// A random `state` (32 hex characters) that ties the callback to this sign-in.
    public static func randomState() -> String {
        randomBytes(16).map { String(format: "%02x", $0) }.joined()
    }

    static func randomBytes(_ count: Int) -> Data {
        // A SymmetricKey draws from the system's secure random source.
        SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Data($0) }
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
