import Foundation

/// The token endpoint's success answer. Only `access_token` and `instance_url` are always
/// there; Salesforce never sends `expires_in` (a 401 is the first sign of expiry).
struct TokenResponse: Decodable, Sendable {
    var accessToken: String
    var refreshToken: String?
    var instanceURL: String
    var identityURL: String?
    var issuedAt: String?
    var scope: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", instanceURL = "instance_url", identityURL = "id"
        case issuedAt = "issued_at", scope
    }

    /// The session, with the instance URL checked against the URL policy (a token response must
    /// not be able to send later requests, and their bearer token, to a plain-http host).
    func session(keepingRefreshToken previous: String? = nil) throws(SalesforceAPIError) -> SalesforceSession {
        var instance = instanceURL.trimmingCharacters(in: .whitespaces)
        while instance.hasSuffix("/") { instance.removeLast() }
        try EndpointSecurity.check(instance)
        let issued = issuedAt.flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1000) }
        return SalesforceSession(
            accessToken: accessToken, refreshToken: refreshToken ?? previous, instanceURL: instance, identityURL: identityURL,
            issuedAt: issued, scopes: (scope ?? "").split(separator: " ").map(String.init))
    }
}
