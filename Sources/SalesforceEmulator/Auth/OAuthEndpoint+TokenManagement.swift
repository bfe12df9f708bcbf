import DealdeckCore
import Foundation

/// `/services/oauth2/revoke` and `/services/oauth2/introspect`.
extension OAuthEndpoint {
    /// Revokes an access or refresh token given as `token` in a form body or the query (the
    /// Mobile SDK documents both POST and `GET ?token=`). 200 with an empty body, or 400
    /// `invalid_token`. Salesforce's error body format is unconfirmed (jsforce tries to parse it
    /// as a form); JSON is sent here.
    func revoke(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "POST" || request.method == "GET" else { return Self.errorJSON(.invalidToken) }
        let parameters = OAuthRequestParameters(request: request)
        guard let token = parameters["token"], auth.revoke(token: token) else { return Self.errorJSON(.invalidToken) }
        return Self.noStore(EmulatorResponse(status: 200))
    }

    /// Token introspection (RFC 7662 as Salesforce implements it). The caller must authenticate as
    /// the Connected App; failures use the token endpoint's pairs and status, since Salesforce's
    /// exact answer here is unconfirmed. An unknown, expired or revoked token is `{"active":false}`.
    func introspect(_ request: EmulatorRequest) -> EmulatorResponse {
        let parameters = OAuthRequestParameters(request: request)
        guard request.method == "POST" else { return Self.errorJSON(.mustUsePost) }
        do throws(OAuthError) {
            try auth.authenticate(parameters.clientAuthentication(authorization: request.header("authorization")), secretRequired: true)
        } catch {
            return Self.errorJSON(error)
        }
        var writer = JSONWriter()
        writer.beginObject()
        guard let token = parameters["token"], let found = auth.introspect(token: token, hint: parameters["token_type_hint"]) else {
            writer.field("active", false)
            writer.endObject()
            return Self.noStore(.json(200, writer.bytes))
        }
        writer.field("active", true)
        writer.field("scope", found.scopes.joined(separator: " "))
        writer.field("client_id", found.clientId)
        writer.field("username", found.username)
        writer.field("sub", found.subject)
        writer.field("token_type", found.kind.rawValue)
        // Refresh tokens live until revoked here (the Connected App default), so they have no `exp`.
        if let expiresAt = found.expiresAt {
            writer.key("exp")
            writer.int64(expiresAt.millisecondsSinceEpoch / 1000)
        }
        writer.key("iat")
        writer.int64(found.issuedAt.millisecondsSinceEpoch / 1000)
        writer.key("nbf")
        writer.int64(found.issuedAt.millisecondsSinceEpoch / 1000)
        writer.endObject()
        return Self.noStore(.json(200, writer.bytes))
    }
}
