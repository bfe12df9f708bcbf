import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// Revoke, introspect, userinfo, the identity URL, and state that survives a restart.
@Suite struct OAuthTokenManagementTests {
    typealias Grants = OAuthTokenGrantTests

    // MARK: Revoke

    @Test func revokingAnAccessTokenEndsOnlyThatSession() async {
        let harness = OAuthHarness()
        let token = await harness.accessToken()
        let other = await harness.accessToken()
        let response = await harness.postForm("/services/oauth2/revoke", [("token", token)])
        #expect(response.status == 200 && response.body.isEmpty)
        #expect(!harness.isValid(token) && harness.isValid(other))
        let again = await harness.postForm("/services/oauth2/revoke", [("token", token)])
        Grants.expectError(again, "invalid_token", "Token was invalid")
        Grants.expectError(await harness.postForm("/services/oauth2/revoke", []), "invalid_token", "Token was invalid")
    }

    @Test func revokingARefreshTokenEndsItsSessions() async {
        let harness = OAuthHarness()
        let tokens = await harness.interactiveTokens()
        let refreshed = await harness.refresh(tokens.refresh).json["access_token"] as? String ?? ""
        let unrelated = await harness.accessToken()
        let response = await harness.send("GET", "/services/oauth2/revoke", query: FormURLEncoding.encode([("token", tokens.refresh)]))
        #expect(response.status == 200)
        #expect(!harness.isValid(tokens.access) && !harness.isValid(refreshed) && harness.isValid(unrelated))
        Grants.expectError(await harness.refresh(tokens.refresh), "invalid_grant", "expired access/refresh token")
    }

    // MARK: Introspect

    @Test func introspectDescribesLiveTokens() async {
        let harness = OAuthHarness(configure: { $0.sessionTimeoutSeconds = 3600 })
        let tokens = await harness.interactiveTokens()
        let client = [("client_id", harness.credentials.consumerKey), ("client_secret", harness.credentials.consumerSecret)]
        let access = await harness.postForm("/services/oauth2/introspect", [("token", tokens.access)] + client)
        let json = access.json
        #expect(access.status == 200)
        #expect(Set(json.keys) == ["active", "scope", "client_id", "username", "sub", "token_type", "exp", "iat", "nbf"])
        #expect(json["active"] as? Bool == true)
        #expect(json["scope"] as? String == "refresh_token api web")
        #expect(json["client_id"] as? String == harness.credentials.consumerKey)
        #expect(json["username"] as? String == harness.credentials.username)
        #expect(json["sub"] as? String == "http://127.0.0.1:4242/id/\(harness.identity.organizationId)/\(harness.identity.apiUser.id)")
        #expect(json["token_type"] as? String == "access_token")
        let iat = json["iat"] as? Int ?? 0
        #expect(json["exp"] as? Int == iat + 3600 && json["nbf"] as? Int == iat)
        #expect(abs(Int64(iat) - harness.clock.now().millisecondsSinceEpoch / 1000) < 60)

        let basic = "Basic " + Data("\(harness.credentials.consumerKey):\(harness.credentials.consumerSecret)".utf8).base64EncodedString()
        let refresh = await harness.postForm(
            "/services/oauth2/introspect", [("token", tokens.refresh), ("token_type_hint", "refresh_token")],
            headers: ["Authorization": basic]
        )
        #expect(refresh.json["token_type"] as? String == "refresh_token" && refresh.json["exp"] == nil)

        let unknown = await harness.postForm("/services/oauth2/introspect", [("token", "00Dnope!x")] + client)
        #expect(unknown.status == 200 && unknown.text == "{\"active\":false}")
        harness.clock.advance(seconds: 3600)
        #expect(await harness.postForm("/services/oauth2/introspect", [("token", tokens.access)] + client).text == "{\"active\":false}")
    }

    @Test func introspectRequiresTheClient() async {
        let harness = OAuthHarness()
        let token = await harness.accessToken()
        Grants.expectError(
            await harness.postForm("/services/oauth2/introspect", [("token", token), ("client_id", harness.credentials.consumerKey)]),
            "invalid_client", "invalid client credentials"
        )
        Grants.expectError(
            await harness.postForm("/services/oauth2/introspect", [("token", token), ("client_id", "x"), ("client_secret", "y")]),
            "invalid_client_id", "client identifier invalid"
        )
    }

    // MARK: userinfo and identity

    @Test func userinfoDescribesTheTokensUser() async {
        let harness = OAuthHarness()
        let token = await harness.accessToken()
        let response = await harness.send("GET", "/services/oauth2/userinfo", host: OAuthHarness.myDomainHost, headers: ["Authorization": "Bearer \(token)"])
        #expect(response.status == 200)
        let json = response.json
        let user = harness.identity.apiUser
        for key in [
            "sub", "user_id", "organization_id", "preferred_username", "nickname", "name", "email", "email_verified", "given_name",
            "family_name", "zoneinfo", "photos", "profile", "picture", "is_salesforce_integration_user", "urls", "active",
            "user_type", "language", "locale", "utcOffset", "updated_at",
        ] {
            #expect(json[key] != nil, "userinfo lacks \(key)")
        }
        #expect(json["preferred_username"] as? String == user.username)
        #expect(json["user_id"] as? String == user.id.rawValue)
        #expect(json["name"] as? String == user.displayName)
        #expect(json["is_salesforce_integration_user"] as? Bool == false)
        #expect((json["urls"] as? [String: String])?["rest"] == "http://localhost:4242/services/data/v{version}/")
        #expect((json["photos"] as? [String: String])?["thumbnail"] != nil)

        let byQuery = await harness.send("GET", "/services/oauth2/userinfo", query: "oauth_token=\(FormURLEncoding.percentEncode(token))")
        #expect(byQuery.status == 200)
        let bad = await harness.send("GET", "/services/oauth2/userinfo", headers: ["Authorization": "Bearer 00Dnope!x"])
        #expect(bad.status == 403 && bad.text == "Bad_OAuth_Token")
        harness.auth.expireAllSessions()
        #expect(await harness.send("GET", "/services/oauth2/userinfo", headers: ["Authorization": "Bearer \(token)"]).status == 403)
    }

    @Test func identityURLServesTheIdentityDocument() async {
        let harness = OAuthHarness()
        let token = await harness.accessToken()
        let auth = ["Authorization": "Bearer \(token)"]
        let org = harness.identity.organizationId
        let user = harness.identity.apiUser
        let response = await harness.send("GET", "/id/\(org)/\(user.id)", headers: auth)
        #expect(response.status == 200)
        let json = response.json
        for key in [
            "id", "asserted_user", "user_id", "organization_id", "username", "nick_name", "display_name", "email", "email_verified",
            "first_name", "last_name", "timezone", "photos", "urls", "active", "user_type", "language", "locale", "utcOffset",
            "last_modified_date",
        ] {
            #expect(json[key] != nil, "identity lacks \(key)")
        }
        #expect(json["id"] as? String == "http://127.0.0.1:4242/id/\(org)/\(user.id)")
        #expect(json["asserted_user"] as? Bool == true)
        #expect(json["display_name"] as? String == "Dana Admin")
        let urls = json["urls"] as? [String: String] ?? [:]
        #expect(urls["rest"] == "http://localhost:4242/services/data/v{version}/")
        #expect(urls["partner"] == "http://localhost:4242/services/Soap/u/{version}/\(org.fifteenCharacterForm)")
        for key in ["enterprise", "metadata", "partner", "rest", "sobjects", "search", "query", "recent", "profile"] {
            #expect(urls[key] != nil, "identity urls lack \(key)")
        }

        let versioned = await harness.send("GET", "/id/\(org.fifteenCharacterForm)/\(user.id.fifteenCharacterForm)", query: "version=62.0", headers: auth)
        #expect((versioned.json["urls"] as? [String: String])?["query"] == "http://localhost:4242/services/data/v62.0/query/")

        let other = await harness.send("GET", "/id/\(org)/\(harness.identity.integrationUser.id)", headers: auth)
        #expect(other.json["asserted_user"] as? Bool == false)

        let wrongOrg = SalesforceID(keyPrefix: "00D", pod: "5e", number: 999_999)
        #expect(await harness.send("GET", "/id/\(wrongOrg)/\(user.id)", headers: auth).status == 403)
        let stranger = SalesforceID(keyPrefix: "005", pod: "5e", number: 77)
        #expect(await harness.send("GET", "/id/\(org)/\(stranger)", headers: auth).status == 404)
        let bad = await harness.send("GET", "/id/\(org)/\(user.id)", headers: ["Authorization": "Bearer nope"])
        #expect(bad.status == 403 && bad.text == "Bad_OAuth_Token")
    }

    // MARK: Restart

    @Test func stateSurvivesARestart() async throws {
        let harness = OAuthHarness(configure: { $0.rotateRefreshTokens = true })
        let password = await harness.accessToken()
        let tokens = await harness.interactiveTokens()
        let rotated = await harness.refresh(tokens.refresh)
        let liveRefresh = rotated.json["refresh_token"] as? String ?? ""
        let liveAccess = rotated.json["access_token"] as? String ?? ""
        guard case .valid(let before) = harness.auth.verify(authorization: "Bearer \(liveAccess)") else {
            Issue.record("rotated token does not verify")
            return
        }
        harness.auth.setUsernamePasswordFlowBlocked(true)
        _ = harness.auth.setUserActive(username: harness.identity.integrationUser.username, active: false)

        // Through JSON, as the state file keeps it.
        let data = try JSONEncoder().encode(harness.auth.exportState())
        let decoded = try JSONDecoder().decode(AuthAuthorityState.self, from: data)
        #expect(decoded == harness.auth.exportState())
        let restarted = harness.restarted(with: decoded)

        #expect(restarted.isValid(password))
        #expect(restarted.auth.verify(authorization: "Bearer \(liveAccess)") == .valid(before))
        #expect(!restarted.isValid(tokens.access))
        Grants.expectError(await restarted.token(restarted.passwordFields), "invalid_grant", "authentication failure")
        #expect(restarted.auth.isUserActive(username: restarted.identity.integrationUser.username) == false)
        // Reuse of the rotated-away token is still detected after the restart.
        Grants.expectError(await restarted.refresh(tokens.refresh), "invalid_grant", "expired access/refresh token")
        Grants.expectError(await restarted.refresh(liveRefresh), "invalid_grant", "expired access/refresh token")
        #expect(!restarted.isValid(liveAccess))

        // A fresh start has nothing.
        #expect(!harness.restarted(with: nil).isValid(password))
    }

    @Test func exportDropsExpiredSessions() async {
        let harness = OAuthHarness(configure: { $0.sessionTimeoutSeconds = 60 })
        _ = await harness.accessToken()
        #expect(harness.auth.exportState().sessions.count == 1)
        harness.clock.advance(seconds: 61)
        #expect(harness.auth.exportState().sessions.isEmpty)
    }
}
