import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The web-server flow: the authorize pages, `prompt`, PKCE, and the code exchange.
@Suite struct OAuthWebServerFlowTests {
    typealias Grants = OAuthTokenGrantTests

    @Test func fullFlowWithPKCEIssuesTokensToAPublicClient() async {
        let harness = OAuthHarness()
        let loginPage = await harness.authorize(harness.authorizeQuery())
        #expect(loginPage.status == 200)
        #expect(loginPage.header("Content-Type") == "text/html;charset=UTF-8")
        #expect(loginPage.text.contains("<form id=\"login\""))
        #expect(loginPage.text.contains("action=\"/services/oauth2/authorize/login\""))
        let ticket = loginPage.ticket ?? ""
        #expect(!ticket.isEmpty)

        let approvalPage = await harness.submitLogin(ticket: ticket)
        #expect(approvalPage.status == 200)
        #expect(approvalPage.text.contains("<form id=\"approval\""))
        #expect(approvalPage.text.contains("Manage user data via APIs (api)"))
        let setCookie = approvalPage.header("Set-Cookie") ?? ""
        #expect(setCookie.hasPrefix("sid=") && setCookie.hasSuffix("; HttpOnly; Path=/"))

        let callback = await harness.decide(ticket: approvalPage.ticket ?? "", "allow")
        #expect(callback.status == 302)
        let location = callback.location ?? ""
        #expect(location.hasPrefix(OAuthHarness.callback + "?code=aPrx"))
        // Standard Base64 codes end in `==`, which must reach the client URL-encoded.
        #expect(location.hasSuffix("%3D%3D&state=st4te"))
        let code = callback.callbackParameters["code"] ?? ""
        #expect(code.hasSuffix("=="))

        let exchanged = await harness.exchange(code: code)
        Grants.expectSuccess(exchanged, harness, user: harness.identity.apiUser, refresh: true, scope: "refresh_token api web")
    }

    @Test func codesAreSingleUseAndExpireAfterFifteenMinutes() async {
        let harness = OAuthHarness()
        let code = await harness.webServerSignIn().callback["code"] ?? ""
        #expect(await harness.exchange(code: code).status == 200)
        Grants.expectError(await harness.exchange(code: code), "invalid_grant", "expired authorization code")
        let late = await harness.webServerSignIn().callback["code"] ?? ""
        harness.clock.advance(seconds: 15 * 60)
        Grants.expectError(await harness.exchange(code: late), "invalid_grant", "expired authorization code")
        Grants.expectError(await harness.exchange(code: "aPrxmadeup=="), "invalid_grant", "expired authorization code")
    }

    @Test func pkceRejectsTildeMismatchAndMissingVerifiers() async {
        let harness = OAuthHarness()
        // `~` is RFC-legal but refused by Salesforce, even when the challenge matches it.
        let tilde = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG~"
        let tildeCode = await harness.webServerSignIn(challenge: PKCE.s256Challenge(for: tilde)).callback["code"] ?? ""
        Grants.expectError(await harness.exchange(code: tildeCode, verifier: tilde), "invalid_grant", "invalid code verifier")
        let mismatch = await harness.webServerSignIn().callback["code"] ?? ""
        Grants.expectError(await harness.exchange(code: mismatch, verifier: "wrong-verifier_0123456789"), "invalid_grant", "invalid code verifier")
        let missing = await harness.webServerSignIn().callback["code"] ?? ""
        Grants.expectError(await harness.exchange(code: missing, verifier: nil, secret: true), "invalid_grant", "invalid code verifier")
        // Neither a verifier nor a secret: the client has not authenticated at all.
        let anonymous = await harness.webServerSignIn().callback["code"] ?? ""
        Grants.expectError(await harness.exchange(code: anonymous, verifier: nil), "invalid_client", "invalid client credentials")
        // A long jsforce-style verifier (base64url of 128 bytes) is fine.
        let long = String(repeating: "aB3_-", count: 34) + "x"
        let longCode = await harness.webServerSignIn(challenge: PKCE.s256Challenge(for: long)).callback["code"] ?? ""
        #expect(await harness.exchange(code: longCode, verifier: long).status == 200)
    }

    @Test func challengeMethodIsOptionalAndOnlyS256IsAccepted() async {
        let harness = OAuthHarness()
        let explicit = await harness.webServerSignIn([("code_challenge_method", "S256")]).callback["code"] ?? ""
        #expect(await harness.exchange(code: explicit).status == 200)
        let plain = await harness.authorize(harness.authorizeQuery([("code_challenge_method", "plain")]))
        #expect(plain.status == 302)
        #expect(plain.callbackParameters["error"] == "invalid_request")
        #expect(plain.callbackParameters["state"] == "st4te")
    }

    @Test func withoutPKCETheSecretIsRequired() async {
        let harness = OAuthHarness()
        let first = await harness.webServerSignIn(challenge: nil).callback["code"] ?? ""
        Grants.expectError(await harness.exchange(code: first, verifier: nil), "invalid_client", "invalid client credentials")
        let second = await harness.webServerSignIn(challenge: nil).callback["code"] ?? ""
        // A verifier for a code issued without a challenge proves nothing.
        Grants.expectError(await harness.exchange(code: second), "invalid_client", "invalid client credentials")
        let third = await harness.webServerSignIn(challenge: nil).callback["code"] ?? ""
        #expect(await harness.exchange(code: third, verifier: nil, secret: true).status == 200)
        let fourth = await harness.webServerSignIn().callback["code"] ?? ""
        var fields: [(String, String)] = [
            ("grant_type", "authorization_code"), ("code", fourth), ("client_id", harness.credentials.consumerKey),
            ("redirect_uri", OAuthHarness.callback), ("code_verifier", OAuthHarness.verifier), ("client_secret", "wrong"),
        ]
        Grants.expectError(await harness.token(fields), "invalid_client", "invalid client credentials")
        fields[1] = ("code", await harness.webServerSignIn().callback["code"] ?? "")
        fields[3] = ("redirect_uri", "http://localhost:1718/OauthRedirect")
        fields[5] = ("client_secret", harness.credentials.consumerSecret)
        Grants.expectError(await harness.token(fields), "redirect_uri_mismatch", "redirect_uri must match configuration")
    }

    @Test func denyRedirectsWithAccessDenied() async {
        let harness = OAuthHarness()
        let loginPage = await harness.authorize(harness.authorizeQuery())
        let approval = await harness.submitLogin(ticket: loginPage.ticket ?? "")
        let denied = await harness.decide(ticket: approval.ticket ?? "", "deny")
        #expect(denied.status == 302)
        #expect(
            denied.location
                == OAuthHarness.callback + "?error=access_denied&error_description=end-user+denied+authorization&state=st4te"
        )
        // The ticket is spent.
        #expect(await harness.decide(ticket: approval.ticket ?? "", "allow").status == 400)
    }

    // MARK: prompt and the browser session

    @Test func signedInBrowserWithEarlierApprovalGoesStraightBack() async {
        let harness = OAuthHarness()
        let first = await harness.webServerSignIn()
        let again = await harness.authorize(harness.authorizeQuery(), cookie: first.cookie)
        #expect(again.status == 302)
        #expect(again.callbackParameters["code"] != nil)
        // An unknown cookie is no session.
        #expect(await harness.authorize(harness.authorizeQuery(), cookie: "sid-forged").text.contains("form id=\"login\""))
    }

    @Test func promptLoginForcesTheLoginForm() async {
        let harness = OAuthHarness()
        let first = await harness.webServerSignIn()
        let page = await harness.authorize(harness.authorizeQuery([("prompt", "login")]), cookie: first.cookie)
        #expect(page.text.contains("form id=\"login\""))
        // Already approved, so logging in leads straight back to the callback.
        let after = await harness.submitLogin(ticket: page.ticket ?? "")
        #expect(after.status == 302 && after.callbackParameters["code"] != nil)
        #expect(after.cookie != nil && after.cookie != first.cookie)
    }

    @Test func promptConsentForcesTheApprovalPage() async {
        let harness = OAuthHarness()
        let first = await harness.webServerSignIn()
        let page = await harness.authorize(harness.authorizeQuery([("prompt", "consent")]), cookie: first.cookie)
        #expect(page.text.contains("form id=\"approval\""))
        let allowed = await harness.decide(ticket: page.ticket ?? "", "allow")
        #expect(allowed.callbackParameters["code"] != nil)
    }

    @Test func promptValuesCombine() async {
        let harness = OAuthHarness()
        let first = await harness.webServerSignIn()
        let login = await harness.authorize(harness.authorizeQuery([("prompt", "login consent")]), cookie: first.cookie)
        #expect(login.text.contains("form id=\"login\""))
        let approval = await harness.submitLogin(ticket: login.ticket ?? "")
        #expect(approval.text.contains("form id=\"approval\""))
        #expect(await harness.decide(ticket: approval.ticket ?? "", "allow").status == 302)
    }

    @Test func promptSelectAccountShowsTheChooser() async {
        let harness = OAuthHarness()
        let withoutSession = await harness.authorize(harness.authorizeQuery([("prompt", "select_account")]))
        #expect(withoutSession.text.contains("form id=\"login\""))

        let first = await harness.webServerSignIn()
        let chooser = await harness.authorize(harness.authorizeQuery([("prompt", "select_account")]), cookie: first.cookie)
        #expect(chooser.text.contains("form id=\"chooser\""))
        #expect(chooser.text.contains(harness.credentials.username))
        let continued = await harness.postForm(
            "/services/oauth2/authorize/choose", [("ticket", chooser.ticket ?? ""), ("action", "continue")],
            headers: ["Cookie": "theme=dark; sid=\(first.cookie)"]
        )
        #expect(continued.status == 302 && continued.callbackParameters["code"] != nil)

        let again = await harness.authorize(harness.authorizeQuery([("prompt", "select_account consent")]), cookie: first.cookie)
        let switched = await harness.postForm("/services/oauth2/authorize/choose", [("ticket", again.ticket ?? ""), ("action", "switch")])
        #expect(switched.text.contains("form id=\"login\""))
        let approval = await harness.submitLogin(ticket: switched.ticket ?? "")
        #expect(approval.text.contains("form id=\"approval\""))
    }

    @Test func immediateNeverShowsAPage() async {
        let harness = OAuthHarness()
        let refused = await harness.authorize(harness.authorizeQuery([("immediate", "true")]))
        #expect(refused.status == 302)
        #expect(refused.callbackParameters["error"] == "immediate_unsuccessful")
        let first = await harness.webServerSignIn()
        let granted = await harness.authorize(harness.authorizeQuery([("prompt", "none")]), cookie: first.cookie)
        #expect(granted.callbackParameters["code"] != nil)
    }

    // MARK: Authorize errors

    @Test func unknownClientIsRedirectedOrShown() async {
        let harness = OAuthHarness()
        let redirected = await harness.authorize(harness.authorizeQuery([("client_id", "3MVG9nope")]))
        #expect(redirected.status == 302)
        #expect(
            redirected.location
                == OAuthHarness.callback + "?error=invalid_client_id&error_description=client+identifier+invalid&state=st4te"
        )
        let shown = await harness.authorize(
            harness.authorizeQuery([("client_id", "3MVG9nope"), ("redirect_uri", "https://evil.example/cb")])
        )
        #expect(shown.status == 400)
        #expect(shown.text.contains("error=invalid_client_id"))
    }

    @Test func onlyLoopbackCallbacksAreAccepted() async {
        let harness = OAuthHarness()
        let evil = await harness.authorize(harness.authorizeQuery([("redirect_uri", "https://evil.example/OauthRedirect")]))
        #expect(evil.status == 400 && evil.text.contains("redirect_uri_mismatch"))
        let missing = await harness.send(
            "GET", "/services/oauth2/authorize",
            query: FormURLEncoding.encode([("response_type", "code"), ("client_id", harness.credentials.consumerKey)])
        )
        #expect(missing.status == 400 && missing.text.contains("redirect_uri_missing"))
        // Any loopback port and path, with its own query kept.
        let custom = "http://127.0.0.1:53117/callback?from=cli"
        let signIn = await harness.webServerSignIn([("redirect_uri", custom)])
        #expect(signIn.callback["from"] == "cli" && signIn.callback["code"] != nil)
    }

    @Test func badResponseTypeAndScopeGoBackToTheCallback() async {
        let harness = OAuthHarness()
        let token = await harness.authorize(harness.authorizeQuery([("response_type", "token")]))
        #expect(token.callbackParameters["error"] == "unsupported_response_type")
        #expect(token.callbackParameters["error_description"] == "response type not supported")
        let scope = await harness.authorize(harness.authorizeQuery([("scope", "api superpowers")]))
        #expect(scope.callbackParameters["error"] == "invalid_scope")
    }

    @Test func failedLoginShowsTheFormAgainWithEscapedValues() async {
        let harness = OAuthHarness()
        let hostile = "<script>alert(\"x\")</script>"
        let page = await harness.authorize(harness.authorizeQuery([("login_hint", hostile)]))
        #expect(!page.text.contains("<script>"))
        #expect(page.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        let failed = await harness.submitLogin(ticket: page.ticket ?? "", password: "wrong", username: hostile)
        #expect(failed.status == 200)
        #expect(failed.text.contains("id=\"error\""))
        #expect(!failed.text.contains("<script>"))
        #expect(failed.cookie == nil)
        // The security token is for API logins only.
        let withToken = await harness.submitLogin(
            ticket: failed.ticket ?? "", password: harness.credentials.password + harness.credentials.securityToken
        )
        #expect(withToken.text.contains("id=\"error\""))
        #expect(await harness.submitLogin(ticket: failed.ticket ?? "").text.contains("form id=\"approval\""))
    }

    @Test func inactiveUserIsSentBackWithInactiveUser() async {
        let harness = OAuthHarness()
        _ = harness.auth.setUserActive(username: harness.credentials.username, active: false)
        let page = await harness.authorize(harness.authorizeQuery())
        let back = await harness.submitLogin(ticket: page.ticket ?? "")
        #expect(back.callbackParameters["error"] == "inactive_user")
        #expect(back.callbackParameters["state"] == "st4te")
    }

    @Test func unknownTicketsAndWrongMethodsAreRefused() async {
        let harness = OAuthHarness()
        #expect(await harness.submitLogin(ticket: "tkt-nope").status == 400)
        #expect(await harness.decide(ticket: "tkt-nope", "allow").status == 400)
        #expect(await harness.postForm("/services/oauth2/authorize/approve", [("action", "allow")]).status == 400)
        #expect(await harness.send("GET", "/services/oauth2/authorize/login").status == 405)
        #expect(await harness.send("POST", "/services/oauth2/authorize", query: harness.authorizeQuery()).status == 400)
        // Tickets die with abandoned pages.
        let page = await harness.authorize(harness.authorizeQuery())
        harness.clock.advance(seconds: 31 * 60)
        #expect(await harness.submitLogin(ticket: page.ticket ?? "").status == 400)
    }

    @Test func myDomainServesTheSameFlow() async {
        let harness = OAuthHarness()
        let page = await harness.authorize(harness.authorizeQuery(), host: OAuthHarness.myDomainHost)
        #expect(page.text.contains("form id=\"login\""))
    }
}
