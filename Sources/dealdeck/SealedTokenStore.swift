import DealdeckConfig
import SalesforceAPI

/// Saves renewed sessions into the sealed secrets file, under its lock, before the client uses
/// them (so a rotated refresh token is on disk first). The instance URL is replaced too, as it
/// is on every token response.
struct SealedTokenStore: TokenStore {
    let secrets: SecretStore

    func store(_ session: SalesforceSession) async throws {
        try secrets.update { bundle in
            bundle.accessToken = session.accessToken
            if let refreshToken = session.refreshToken { bundle.refreshToken = refreshToken }
            bundle.signIn?.instanceURL = session.instanceURL
            if let identityURL = session.identityURL { bundle.signIn?.identityURL = identityURL }
        }
    }
}
