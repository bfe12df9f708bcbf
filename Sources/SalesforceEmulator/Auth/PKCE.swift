import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636) as Salesforce applies it.
enum PKCE {
    /// Salesforce rejects a verifier containing `~` although RFC 7636 allows it (nsflow#249). The
    /// emulator accepts only `[A-Za-z0-9_-]`, the base64url set jsforce and the sf CLI produce,
    /// so a client that passes here does not trip over an unreserved character there.
    static func hasValidCharacters(_ verifier: String) -> Bool {
        !verifier.isEmpty
            && verifier.utf8.allSatisfy { byte in
                switch byte {
                case 48...57, 65...90, 97...122, 45, 95: return true
                default: return false
                }
            }
    }

    /// `BASE64URL(SHA256(verifier))` without padding: the S256 challenge.
    static func s256Challenge(for verifier: String) -> String {
        let digest = SHA256.hash(data: Data(verifier.utf8))
        return Data(digest).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
