import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The token endpoint: grants, client authentication, body formats, error pairs, expiry.
@Suite struct OAuthTokenGrantTests {
    static let successFields: Set<String> = ["access_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"]

    /// Checks every field of a success body against Salesforce's shape.
    static func expectSuccess(
        _ response: EmulatorResponse, _ harness: OAuthHarness, user: OrgUserIdentity, refresh: Bool, scope: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 200, sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/json;charset=UTF-8", sourceLocation: sourceLocation)
        let json = response.json
        #expect(
            Set(json.keys) == (refresh ? successFields.union(["refresh_token"]) : successFields), sourceLocation: sourceLocation
        )
        #expect(json["expires_in"] == nil, sourceLocation: sourceLocation)
        let accessToken = json["access_token"] as? String ?? ""
        #expect(accessToken.hasPrefix(harness.identity.organizationId.fifteenCharacterForm + "!"), sourceLocation: sourceLocation)
        #expect(json["instance_url"] as? String == "http://localhost:4242", sourceLocation: sourceLocation)
        let id = "http://127.0.0.1:4242/id/\(harness.identity.organizationId.rawValue)/\(user.id.rawValue)"
        #expect(json["id"] as? String == id, sourceLocation: sourceLocation)
        #expect(json["token_type"] as? String == "Bearer", sourceLocation: sourceLocation)
        #expect(json["scope"] as? String == scope, sourceLocation: sourceLocation)
        // issued_at is a string of epoch milliseconds, close to the org's clock.
        let issuedAt = json["issued_at"] as? String ?? ""
        let milliseconds = Int64(issuedAt) ?? 0
        #expect(abs(milliseconds - harness.clock.now().millisecondsSinceEpoch) < 60_000, sourceLocation: sourceLocation)
        #expect(
            json["signature"] as? String == IssuedToken.hmacBase64(message: id + issuedAt, key: harness.credentials.consumerSecret),
            sourceLocation: sourceLocation
        )
        if refresh { #expect((json["refresh_token"] as? String ?? "").hasPrefix("5Aep861"), sourceLocation: sourceLocation) }
    }

    static func expectError(
        _ response: EmulatorResponse, _ error: String, _ description: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 400, sourceLocation: sourceLocation)
        #expect(response.json as? [String: String] == ["error": error, "error_description": description], sourceLocation: sourceLocation)
    }

    // MARK: Password

    @Test func passwordGrantReturnsSalesforcesShapeWithoutRefreshToken() async {
        let harness = OAuthHarness()
        let response = await harness.token(harness.passwordFields)
        Self.expectSuccess(response, harness, user: harness.identity.apiUser, refresh: false, scope: "api refresh_token")
        let token = response.json["access_token"] as? String ?? ""
        guard case .valid(let session) = harness.auth.verify(authorization: "Bearer \(token)") else {
            Issue.record("the new token does not verify")
            return
        }
        #expect(session.user == harness.identity.apiUser)
        #expect(session.allowsREST)
        #expect(session.clientId == harness.credentials.consumerKey)
        #expect(harness.auth.verify(authorization: "OAuth \(token)") == .valid(session))
        #expect(harness.auth.verify(authorization: "bearer  \(token) ") == .valid(session))
        #expect(harness.auth.verify(authorization: token) == .invalid)
        #expect(harness.auth.verify(authorization: nil) == .invalid)
    }

    @Test func passwordGrantRefusesWrongCredentials() async {
        let harness = OAuthHarness()
        var fields = harness.passwordFields
        fields[4] = ("password", harness.credentials.password)  // the security token left off
        Self.expectError(await harness.token(fields), "invalid_grant", "authentication failure")
        fields[4] = ("password", harness.credentials.password + harness.credentials.securityToken + "x")
        Self.expectError(await harness.token(fields), "invalid_grant", "authentication failure")
        fields = harness.passwordFields
        fields[3] = ("username", "someone@else.example")
        Self.expectError(await harness.token(fields), "invalid_grant", "authentication failure")
        fields[3] = ("username", harness.credentials.username.uppercased())  // usernames are case-insensitive
        #expect(await harness.token(fields).status == 200)
    }

    @Test func blockedPasswordFlowAnswersAuthenticationFailure() async {
        let harness = OAuthHarness()
        harness.auth.setUsernamePasswordFlowBlocked(true)
        Self.expectError(await harness.token(harness.passwordFields), "invalid_grant", "authentication failure")
        harness.auth.setUsernamePasswordFlowBlocked(false)
        #expect(await harness.token(harness.passwordFields).status == 200)
    }

    @Test func inactiveUserCannotSignInAndLosesSessions() async {
        let harness = OAuthHarness()
        let token = await harness.accessToken()
        let tokens = await harness.interactiveTokens()
        #expect(harness.auth.setUserActive(username: harness.credentials.username, active: false))
        #expect(harness.auth.isUserActive(username: harness.credentials.username) == false)
        #expect(!harness.isValid(token))
        Self.expectError(await harness.token(harness.passwordFields), "invalid_grant", "inactive user")
        Self.expectError(await harness.refresh(tokens.refresh), "invalid_grant", "inactive user")
        #expect(!harness.auth.setUserActive(username: "nobody@example.com", active: false))
        #expect(harness.auth.setUserActive(username: harness.credentials.username.uppercased(), active: true))
        #expect(harness.isValid(token))
    }

    // MARK: Client authentication and request shape

    @Test func clientAndGrantErrorsUseSalesforcesPairs() async {
        let harness = OAuthHarness()
        var fields = harness.passwordFields
        fields[1] = ("client_id", "3MVG9unknown")
        Self.expectError(await harness.token(fields), "invalid_client_id", "client identifier invalid")
        Self.expectError(await harness.token(Array(harness.passwordFields.filter { $0.0 != "client_id" })), "invalid_client_id", "client identifier invalid")
        fields = harness.passwordFields
        fields[2] = ("client_secret", "123")
        Self.expectError(await harness.token(fields), "invalid_client", "invalid client credentials")
        Self.expectError(
            await harness.token(harness.passwordFields.filter { $0.0 != "client_secret" }), "invalid_client", "invalid client credentials"
        )
        fields = harness.passwordFields
        fields[0] = ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
        Self.expectError(await harness.token(fields), "unsupported_grant_type", "grant type not supported")
        Self.expectError(await harness.token(Array(harness.passwordFields.dropFirst())), "unsupported_grant_type", "grant type not supported")
        // An http→https redirect drops the body: Salesforce then sees no grant at all.
        Self.expectError(await harness.send("POST", "/services/oauth2/token"), "unsupported_grant_type", "grant type not supported")
        Self.expectError(
            await harness.send("GET", "/services/oauth2/token", query: FormURLEncoding.encode(harness.passwordFields)),
            "invalid_request", "must use HTTP POST"
        )
    }

    @Test func basicAuthorizationAuthenticatesTheClient() async {
        let harness = OAuthHarness()
        let body = harness.passwordFields.filter { $0.0 != "client_id" && $0.0 != "client_secret" }
        let basic = "Basic " + Data("\(harness.credentials.consumerKey):\(harness.credentials.consumerSecret)".utf8).base64EncodedString()
        Self.expectSuccess(
            await harness.token(body, headers: ["Authorization": basic]), harness, user: harness.identity.apiUser, refresh: false,
            scope: "api refresh_token"
        )
        let wrong = "Basic " + Data("\(harness.credentials.consumerKey):nope".utf8).base64EncodedString()
        Self.expectError(await harness.token(body, headers: ["Authorization": wrong]), "invalid_client", "invalid client credentials")
    }

    @Test func multipartBodiesAreAccepted() async {
        let harness = OAuthHarness()
        let boundary = "----formdata-undici-0123456789"
        var body = ""
        for (name, value) in harness.passwordFields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)--\r\n"
        let response = await harness.send(
            "POST", "/services/oauth2/token", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
            body: Array(body.utf8)
        )
        Self.expectSuccess(response, harness, user: harness.identity.apiUser, refresh: false, scope: "api refresh_token")
    }

    @Test func passwordsWithFormSpecialCharactersSurviveEncoding() async {
        let harness = OAuthHarness()
        // The seeded password contains `&`, `+` and `%`, which naive encoders break.
        #expect(harness.credentials.password.contains("&") && harness.credentials.password.contains("+"))
        #expect(await harness.token(harness.passwordFields).status == 200)
        // Parameters in the query string of a POST work too.
        let query = await harness.send("POST", "/services/oauth2/token", query: FormURLEncoding.encode(harness.passwordFields))
        #expect(query.status == 200)
    }

    @Test func urlencodedFormatIsHonoured() async {
        let harness = OAuthHarness()
        let response = await harness.token(harness.passwordFields + [("format", "urlencoded")])
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/x-www-form-urlencoded;charset=UTF-8")
        let fields = FormURLEncoding.decode(response.text)
        #expect(Set(fields.keys) == Self.successFields)
        #expect(fields["scope"] == "api refresh_token")
        let failed = await harness.token([("grant_type", "nope")], headers: ["Accept": "application/x-www-form-urlencoded"])
        #expect(failed.text == "error=unsupported_grant_type&error_description=grant+type+not+supported")
        #expect(await harness.token(harness.passwordFields + [("format", "json")]).json["access_token"] != nil)
    }

    // MARK: Client credentials

    @Test func clientCredentialsRunsAsIntegrationUserOnMyDomainOnly() async {
        let harness = OAuthHarness()
        let fields = [
            ("grant_type", "client_credentials"), ("client_id", harness.credentials.consumerKey),
            ("client_secret", harness.credentials.consumerSecret), ("scope", "full refresh_token"),
        ]
        let response = await harness.token(fields, host: OAuthHarness.myDomainHost)
        Self.expectSuccess(response, harness, user: harness.identity.integrationUser, refresh: false, scope: "api")
        guard case .valid(let session) = harness.auth.verify(authorization: "Bearer " + (response.json["access_token"] as? String ?? ""))
        else {
            Issue.record("client-credentials token does not verify")
            return
        }
        #expect(session.user.id == harness.identity.integrationUser.id)
        for host in [OAuthHarness.loginHost, OAuthHarness.sandboxHost, "login.salesforce.com"] {
            Self.expectError(await harness.token(fields, host: host), "invalid_grant", "request not supported on this domain")
        }
        let basic = "Basic " + Data("\(harness.credentials.consumerKey):wrong".utf8).base64EncodedString()
        Self.expectError(
            await harness.token([("grant_type", "client_credentials")], host: OAuthHarness.myDomainHost, headers: ["Authorization": basic]),
            "invalid_client", "invalid client credentials"
        )
        _ = harness.auth.setUserActive(username: harness.identity.integrationUser.username, active: false)
        Self.expectError(await harness.token(fields, host: OAuthHarness.myDomainHost), "invalid_grant", "inactive user")
    }

    // MARK: Refresh

    @Test func refreshWithoutRotationKeepsTheRefreshToken() async {
        let harness = OAuthHarness()
        let tokens = await harness.interactiveTokens()
        let first = await harness.refresh(tokens.refresh)
        Self.expectSuccess(first, harness, user: harness.identity.apiUser, refresh: false, scope: "refresh_token api web")
        let second = await harness.refresh(tokens.refresh)
        #expect(second.status == 200)
        #expect(harness.isValid(tokens.access))
        #expect(harness.isValid(first.json["access_token"] as? String ?? ""))
        Self.expectError(
            await harness.token([
                ("grant_type", "refresh_token"), ("refresh_token", tokens.refresh), ("client_id", harness.credentials.consumerKey),
            ]),
            "invalid_client", "invalid client credentials"
        )
        Self.expectError(await harness.refresh("5Aep861unknown"), "invalid_grant", "expired access/refresh token")
        Self.expectError(
            await harness.token([
                ("grant_type", "refresh_token"), ("client_id", harness.credentials.consumerKey),
                ("client_secret", harness.credentials.consumerSecret),
            ]),
            "invalid_grant", "expired access/refresh token"
        )
    }

    @Test func rotationIssuesNewTokensAndReuseRevokesTheChain() async {
        let harness = OAuthHarness(configure: { $0.rotateRefreshTokens = true })
        let tokens = await harness.interactiveTokens()
        let rotated = await harness.refresh(tokens.refresh)
        Self.expectSuccess(rotated, harness, user: harness.identity.apiUser, refresh: true, scope: "refresh_token api web")
        let secondRefresh = rotated.json["refresh_token"] as? String ?? ""
        let secondAccess = rotated.json["access_token"] as? String ?? ""
        #expect(secondRefresh != tokens.refresh)
        // Rotation ends the session of the old refresh token.
        #expect(!harness.isValid(tokens.access))
        #expect(harness.isValid(secondAccess))
        let third = await harness.refresh(secondRefresh)
        let thirdRefresh = third.json["refresh_token"] as? String ?? ""
        let thirdAccess = third.json["access_token"] as? String ?? ""
        #expect(third.status == 200 && !harness.isValid(secondAccess) && harness.isValid(thirdAccess))
        // Reusing a rotated-away token kills every descendant and its sessions.
        Self.expectError(await harness.refresh(tokens.refresh), "invalid_grant", "expired access/refresh token")
        #expect(!harness.isValid(thirdAccess))
        Self.expectError(await harness.refresh(thirdRefresh), "invalid_grant", "expired access/refresh token")
        // Another sign-in's chain is untouched.
        let other = await harness.interactiveTokens()
        #expect(await harness.refresh(other.refresh).status == 200)
    }

    @Test func revokingAllRefreshTokensLeavesSessionsRunning() async {
        let harness = OAuthHarness()
        let tokens = await harness.interactiveTokens()
        harness.auth.revokeAllRefreshTokens()
        Self.expectError(await harness.refresh(tokens.refresh), "invalid_grant", "expired access/refresh token")
        #expect(harness.isValid(tokens.access))
    }

    // MARK: Expiry

    @Test func accessTokensExpireAfterTheSessionTimeout() async {
        let harness = OAuthHarness(configure: { $0.sessionTimeoutSeconds = 600 })
        let token = await harness.accessToken()
        harness.clock.advance(seconds: 599)
        #expect(harness.isValid(token))
        harness.clock.advance(seconds: 1)
        #expect(!harness.isValid(token))
        #expect(await harness.accessToken() != token)
    }

    @Test func expireAllSessionsEndsEveryAccessToken() async {
        let harness = OAuthHarness()
        let first = await harness.accessToken()
        let tokens = await harness.interactiveTokens()
        harness.auth.expireAllSessions()
        #expect(!harness.isValid(first) && !harness.isValid(tokens.access))
        // The refresh token still recovers, as after a real timeout.
        let refreshed = await harness.refresh(tokens.refresh)
        #expect(harness.isValid(refreshed.json["access_token"] as? String ?? ""))
    }

    @Test func sessionsWithoutAPIScopeAreNotForREST() async {
        let harness = OAuthHarness()
        let signIn = await harness.webServerSignIn([("scope", "web refresh_token")])
        #expect(signIn.callback["code"] != nil)
        let response = await harness.exchange(code: signIn.callback["code"] ?? "")
        guard case .valid(let session) = harness.auth.verify(authorization: "Bearer " + (response.json["access_token"] as? String ?? ""))
        else {
            Issue.record("token does not verify")
            return
        }
        #expect(!session.allowsREST)
        #expect(session.scopes == ["web", "refresh_token"])
    }

    @Test func lightningHostAnswersHTML() async {
        let harness = OAuthHarness()
        let response = await harness.token(harness.passwordFields, host: OAuthHarness.lightningHost)
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(response.json.isEmpty)
        let userinfo = await harness.send("GET", "/services/oauth2/userinfo", host: OAuthHarness.lightningHost)
        #expect(userinfo.header("Content-Type")?.hasPrefix("text/html") == true)
    }
}
