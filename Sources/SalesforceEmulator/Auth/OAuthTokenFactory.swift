import DealdeckCore
import Foundation

/// Mints the opaque strings of sign-in, each in the shape real Salesforce uses, from the
/// system's cryptographic generator: a predictable token would let one test's client guess
/// another's session, which hides bugs in token handling.
enum OAuthTokenFactory {
    private static let tokenAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._".utf8)
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let upperAlphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `00D5e000000AbCd!AQ4AQ…`: the 15-character org ID, `!`, then an opaque part.
    static func accessToken(organizationId: SalesforceID) -> String {
        organizationId.fifteenCharacterForm + "!AQ" + random(110, from: tokenAlphabet)
    }

    /// `5Aep861…`, as in every captured Salesforce refresh token.
    static func refreshToken() -> String { "5Aep861" + random(80, from: tokenAlphabet) }

    /// `aPrx…==`: standard Base64 with `+`, `/` and padding, so a client that forgets to
    /// URL-decode the callback (or to encode the exchange) fails here as it would in production.
    static func authorizationCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<49).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "aPrx" + Data(bytes).base64EncodedString()
    }

    static func deviceCode() -> String { "M0xN" + random(60, from: alphanumerics) }

    /// Eight upper-case alphanumerics, e.g. `08T3AY9D`.
    static func userCode() -> String { random(8, from: upperAlphanumerics) }

    /// Identifiers that never leave the emulator's pages and state (session IDs, tickets, cookies).
    static func identifier(prefix: String) -> String { prefix + random(32, from: hexDigits) }

    private static func random(_ count: Int, from alphabet: [UInt8]) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
