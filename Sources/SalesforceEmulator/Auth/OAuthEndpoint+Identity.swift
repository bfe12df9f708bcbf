import DealdeckCore
import Foundation

/// The identity services: OpenID `userinfo` and the identity URL (`/id/<orgId>/<userId>`).
///
/// Both answer a missing, expired or revoked token with 403 and the plain-text body
/// `Bad_OAuth_Token`, not the REST API's 401: real clients trip over exactly this (jsforce PR #736
/// for the identity URL, SalesforceMobileSDK-iOS#3398 for userinfo). The plain-text body follows
/// Salesforce's identity URL documentation; the other bodies (`Wrong_Org`, `Bad_Id`) are [U].
extension OAuthEndpoint {
    /// A timestamp for the users' `LastModifiedDate` on the identity services: sign-in does not
    /// track profile edits, so a fixed instant keeps the answers stable across runs.
    static let profileModifiedAt = SalesforceTimestamp(millisecondsSinceEpoch: 1_704_067_200_000)

    func userinfo(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "GET" || request.method == "HEAD" || request.method == "POST" else {
            return Self.identityFailure(405, "Method_Not_Allowed")
        }
        guard let session = session(for: request) else { return Self.identityFailure(403, "Bad_OAuth_Token") }
        let user = session.user
        let base = auth.urls.myDomainURL
        var writer = JSONWriter(reservingCapacity: 2048)
        writer.beginObject()
        writer.field("sub", auth.identityURL(for: user.id))
        writer.field("user_id", user.id.rawValue)
        writer.field("organization_id", auth.identity.organizationId.rawValue)
        writer.field("preferred_username", user.username)
        writer.field("nickname", Self.nickname(user))
        writer.field("name", user.displayName)
        writer.field("email", user.email)
        writer.field("email_verified", true)
        writer.field("given_name", user.firstName)
        writer.field("family_name", user.lastName)
        writer.field("zoneinfo", "GMT")
        writePhotos(&writer, base: base)
        writer.field("profile", "\(base)/\(user.id.rawValue)")
        writer.field("picture", "\(base)/profilephoto/005/F")
        writer.key("address")
        writer.beginObject()
        writer.endObject()
        writer.field("is_salesforce_integration_user", user.id == auth.identity.integrationUser.id)
        writeURLs(&writer, user: user, version: nil)
        writer.field("active", user.isActive)
        writer.field("user_type", "STANDARD")
        writer.field("language", "en_US")
        writer.field("locale", "en_US")
        writer.field("utcOffset", 0)
        // OpenID style (`Z`, no milliseconds) here, unlike the identity URL [U].
        writer.field("updated_at", Self.openIDTime(Self.profileModifiedAt))
        writer.field("is_app_installed", true)
        writer.endObject()
        return .json(200, writer.bytes)
    }

    /// `GET /id/<orgId>/<userId>` (15- or 18-character IDs). The token may also come as
    /// `?oauth_token=`, which jsforce uses. `?version=NN.0` (or `latest`) fills in the API URLs,
    /// which otherwise carry a literal `{version}`.
    func identity(_ request: EmulatorRequest, path: String) -> EmulatorResponse {
        guard request.method == "GET" || request.method == "HEAD" || request.method == "POST" else {
            return Self.identityFailure(405, "Method_Not_Allowed")
        }
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 3, let orgId = SalesforceID(parts[1]), let userId = SalesforceID(parts[2]) else {
            return Self.identityFailure(404, "Bad_Id")
        }
        guard let session = session(for: request) else { return Self.identityFailure(403, "Bad_OAuth_Token") }
        guard orgId == auth.identity.organizationId else { return Self.identityFailure(403, "Wrong_Org") }
        guard let user = auth.currentUser(id: userId) else { return Self.identityFailure(404, "Bad_Id") }
        // Another user's identity needs an `api` or `full` token (Salesforce "Identity URLs").
        guard user.id == session.user.id || session.allowsREST else { return Self.identityFailure(403, "Bad_Id") }
        var version = request.queryParameters["version"].flatMap { $0.isEmpty ? nil : $0 }
        if version == "latest" { version = "\(APIVersion.newest).0" }
        let base = auth.urls.myDomainURL
        var writer = JSONWriter(reservingCapacity: 2048)
        writer.beginObject()
        writer.field("id", auth.identityURL(for: user.id))
        writer.field("asserted_user", user.id == session.user.id)
        writer.field("user_id", user.id.rawValue)
        writer.field("organization_id", auth.identity.organizationId.rawValue)
        writer.field("username", user.username)
        writer.field("nick_name", Self.nickname(user))
        writer.field("display_name", user.displayName)
        writer.field("email", user.email)
        writer.field("email_verified", true)
        writer.field("first_name", user.firstName)
        writer.field("last_name", user.lastName)
        writer.field("timezone", "GMT")
        writePhotos(&writer, base: base)
        for field in ["addr_street", "addr_city", "addr_state", "addr_country", "addr_zip", "mobile_phone"] {
            writer.field(field, nil)
        }
        writer.field("mobile_phone_verified", false)
        writer.field("is_lightning_login_user", false)
        writer.key("status")
        writer.beginObject()
        writer.field("created_date", nil)
        writer.field("body", nil)
        writer.endObject()
        writeURLs(&writer, user: user, version: version)
        writer.field("active", user.isActive)
        writer.field("user_type", "STANDARD")
        writer.field("language", "en_US")
        writer.field("locale", "en_US")
        writer.field("utcOffset", 0)
        writer.key("last_modified_date")
        writer.timestamp(Self.profileModifiedAt)
        writer.field("is_app_installed", true)
        writer.endObject()
        return .json(200, writer.bytes)
    }

    // MARK: Pieces

    private func session(for request: EmulatorRequest) -> EmulatorSession? {
        let header = request.header("authorization") ?? request.queryParameters["oauth_token"].map { "Bearer " + $0 }
        guard case .valid(let session) = auth.verify(authorization: header) else { return nil }
        return session
    }

    private func writePhotos(_ writer: inout JSONWriter, base: String) {
        writer.key("photos")
        writer.beginObject()
        writer.field("picture", "\(base)/profilephoto/005/F")
        writer.field("thumbnail", "\(base)/profilephoto/005/T")
        writer.endObject()
    }

    /// The API endpoints, on My Domain. SOAP URLs end with the 15-character org ID, as Salesforce's do.
    private func writeURLs(_ writer: inout JSONWriter, user: OrgUserIdentity, version: String?) {
        let base = auth.urls.myDomainURL
        let v = version ?? "{version}"
        let org = auth.identity.organizationId.fifteenCharacterForm
        let rest = "\(base)/services/data/v\(v)"
        let urls: [(String, String)] = [
            ("enterprise", "\(base)/services/Soap/c/\(v)/\(org)"),
            ("metadata", "\(base)/services/Soap/m/\(v)/\(org)"),
            ("partner", "\(base)/services/Soap/u/\(v)/\(org)"),
            ("rest", "\(rest)/"),
            ("sobjects", "\(rest)/sobjects/"),
            ("search", "\(rest)/search/"),
            ("query", "\(rest)/query/"),
            ("recent", "\(rest)/recent/"),
            ("tooling_soap", "\(base)/services/Soap/T/\(v)/\(org)"),
            ("tooling_rest", "\(rest)/tooling/"),
            ("profile", "\(base)/\(user.id.rawValue)"),
            ("feeds", "\(rest)/chatter/feeds"),
            ("groups", "\(rest)/chatter/groups"),
            ("users", "\(rest)/chatter/users"),
            ("feed_items", "\(rest)/chatter/feed-items"),
            ("feed_elements", "\(rest)/chatter/feed-elements"),
            ("custom_domain", base),
        ]
        writer.key("urls")
        writer.beginObject()
        for (name, url) in urls { writer.field(name, url) }
        writer.endObject()
    }

    /// Salesforce's community nickname defaults to the username's local part.
    private static func nickname(_ user: OrgUserIdentity) -> String {
        String(user.username.split(separator: "@").first ?? Substring(user.username))
    }

    private static func identityFailure(_ status: Int, _ body: String) -> EmulatorResponse {
        EmulatorResponse(status: status, headers: [("Content-Type", "text/plain;charset=UTF-8")], body: Array(body.utf8))
    }

    /// `2024-01-01T00:00:00Z`.
    private static func openIDTime(_ timestamp: SalesforceTimestamp) -> String {
        String(timestamp.description.prefix(19)) + "Z"
    }
}
