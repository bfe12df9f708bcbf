import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceAPI
import SalesforceEmulator
import Synchronization
import Testing

@Suite("Login flows against the emulator")
struct LoginFlowTests {
    @Test func passwordFlowWithSecurityTokenAppended() async throws {
        try await withEmulator { harness in
            let session = try await harness.passwordSession()
            #expect(session.refreshToken == nil, "the password flow never issues a refresh token")
            #expect(session.instanceURL == harness.myDomainURL)
            #expect(session.organizationId?.hasPrefix("00D") == true)
            let client = try harness.client(session)
            let identity = try await client.identity()
            #expect(identity.username == harness.credentials.username)
            #expect(identity.summary == "Dana Admin (admin@dealdeck-demo.example)")
        }
    }

    @Test func passwordFlowFailuresAreTyped() async throws {
        try await withEmulator { harness in
            let wrongPassword = await apiError {
                _ = try await harness.oauth().passwordGrant(username: harness.credentials.username, password: "nope", securityToken: "")
            }
            #expect(wrongPassword == .oauth(OAuthFailure(error: "invalid_grant", errorDescription: "authentication failure")))
            let wrongKey = await apiError {
                _ = try await harness.oauth(consumerKey: "3MVG9unknown").passwordGrant(username: "a", password: "b", securityToken: "")
            }
            #expect(wrongKey == .oauth(OAuthFailure(error: "invalid_client_id", errorDescription: "client identifier invalid")))
            let noSecret = await apiError {
                _ = try await harness.oauth(consumerSecret: .some(nil)).passwordGrant(username: "a", password: "b", securityToken: "")
            }
            #expect(noSecret == .missingConsumerSecret(method: "username-password"))
            try await harness.setUsernamePasswordFlowBlocked(true)
            let blocked = await apiError { _ = try await harness.passwordSession() }
            #expect(blocked == .oauth(OAuthFailure(error: "invalid_grant", errorDescription: "authentication failure")))
        }
    }

    @Test func clientCredentialsOnMyDomainOnly() async throws {
        try await withEmulator { harness in
            let session = try await harness.oauth(host: harness.myDomainURL).clientCredentialsGrant()
            #expect(session.refreshToken == nil)
            let identity = try await harness.client(session).identity()
            #expect(identity.username == "integration@dealdeck-demo.example")
            // The emulator's 127.0.0.1 is the production login host: Salesforce's own refusal.
            let refused = await apiError { _ = try await harness.oauth().clientCredentialsGrant() }
            #expect(refused == .oauth(OAuthFailure(error: "invalid_grant", errorDescription: "request not supported on this domain")))
            #expect(refused?.description.contains("My Domain") == true)
        }
    }

    @Test func deviceFlowApprovedOnTheControlSurface() async throws {
        try await withEmulator { harness in
            let shown = Mutex<DeviceCode?>(nil)
            let login = DeviceLogin(timeout: .seconds(600), sleep: harness.clockSleep)
            let session = try await login.run(try harness.oauth()) { code in
                shown.withLock { $0 = code }
                Task { try await harness.approveDevice(userCode: code.userCode) }
            }
            let code = try #require(shown.withLock { $0 })
            #expect(code.userCode.count == 8)
            #expect(code.verificationURI.hasSuffix("/setup/connect"))
            #expect(code.directURI.contains("user_code=\(code.userCode)"))
            #expect(session.refreshToken != nil)
            #expect(try await harness.client(session).identity().username == harness.credentials.username)
        }
    }

    @Test func deviceFlowApprovedInTheBrowser() async throws {
        try await withEmulator { harness in
            let login = DeviceLogin(timeout: .seconds(600), sleep: harness.clockSleep)
            let session = try await login.run(try harness.oauth()) { code in
                Task { try await harness.approveDeviceInBrowser(userCode: code.userCode) }
            }
            #expect(session.refreshToken != nil)
        }
    }

    @Test func deviceFlowHonoursSlowDownAndGivesUp() async throws {
        try await withEmulator { harness in
            // A sleep that does not let the emulator's time pass makes every poll too early:
            // the emulator answers slow_down, and the client must widen its interval each time.
            let waits = Mutex<[Duration]>([])
            let login = DeviceLogin(timeout: .seconds(60), sleep: { duration in waits.withLock { $0.append(duration) } })
            let error = await apiError { _ = try await login.run(try harness.oauth()) { _ in } }
            #expect(error == .deviceFlowTimedOut(minutes: 1))
            #expect(error?.description.contains("1 minutes") == true)
            let intervals = waits.withLock { $0 }
            #expect(intervals.first == .seconds(5))
            #expect(intervals.count >= 3)
            #expect(intervals[2] > intervals[1], "slow_down must lengthen the interval")
        }
    }

    @Test func deviceFlowDenied() async throws {
        try await withEmulator { harness in
            let login = DeviceLogin(timeout: .seconds(600), sleep: harness.clockSleep)
            let error = await apiError {
                _ = try await login.run(try harness.oauth()) { code in Task { try await harness.denyDevice(userCode: code.userCode) } }
            }
            #expect(error == .deviceFlowDenied)
        }
    }

    /// Runs the browser flow on a free callback port while `browse` plays the person.
    func webLogin(
        _ harness: EmulatorHarness, oauth: OAuthClient? = nil, browse: @escaping @Sendable (WebLogin.Prompt) async throws -> Void
    ) async throws -> SalesforceSession {
        let login = WebLogin(prompt: "login", loginHint: harness.credentials.username, callbackPort: 0, timeout: .seconds(30))
        return try await login.run(try oauth ?? harness.oauth()) { prompt in
            Task { try await browse(prompt) }
        }
    }

    @Test func browserFlowWithPKCE() async throws {
        try await withEmulator { harness in
            let seen = Mutex<WebLogin.Prompt?>(nil)
            let session = try await webLogin(harness) { prompt in
                seen.withLock { $0 = prompt }
                let callback = try await harness.playBrowser(authorizeURL: prompt.authorizeURL)
                let page = try await EmulatorHarness.request("GET", callback)
                #expect(page.status == 200)
                #expect(page.text.contains("Signed in"))
            }
            #expect(session.refreshToken != nil)
            let prompt = try #require(seen.withLock { $0 })
            let query = try #require(URLComponents(string: prompt.authorizeURL)?.queryItems)
            func item(_ name: String) -> String? { query.first { $0.name == name }?.value }
            #expect(item("code_challenge_method") == "S256")
            #expect(item("scope") == "api refresh_token")
            #expect(item("prompt") == "login")
            #expect(item("redirect_uri") == prompt.redirectURI)
            #expect(prompt.redirectURI.hasPrefix("http://localhost:") && prompt.redirectURI.hasSuffix("/OauthRedirect"))
            #expect(!prompt.authorizeURL.contains(harness.credentials.consumerSecret), "the authorize URL never carries the secret")
        }
    }

    @Test func browserFlowWorksWithoutAConsumerSecret() async throws {
        try await withEmulator { harness in
            // A public client proves possession with the PKCE verifier instead of the secret.
            let session = try await webLogin(harness, oauth: try harness.oauth(consumerSecret: .some(nil))) { prompt in
                _ = try await EmulatorHarness.request("GET", try await harness.playBrowser(authorizeURL: prompt.authorizeURL))
            }
            #expect(session.refreshToken != nil)
        }
    }

    @Test func browserFlowRefusesAForeignState() async throws {
        try await withEmulator { harness in
            let error = await apiError {
                _ = try await webLogin(harness) { prompt in
                    let callback = try await harness.playBrowser(authorizeURL: prompt.authorizeURL)
                    let forged = callback.replacingOccurrences(of: "state=", with: "state=forged")
                    let page = try await EmulatorHarness.request("GET", forged)
                    #expect(page.status == 400)
                }
            }
            #expect(error == .stateMismatch)
        }
    }

    @Test func browserFlowDenied() async throws {
        try await withEmulator { harness in
            let error = await apiError {
                _ = try await webLogin(harness) { prompt in
                    _ = try await EmulatorHarness.request("GET", try await harness.playBrowser(authorizeURL: prompt.authorizeURL, allow: false))
                }
            }
            guard case .webFlowFailed(let code, _) = error else {
                Issue.record("expected webFlowFailed, got \(String(describing: error))")
                return
            }
            #expect(code == "access_denied")
        }
    }

    @Test func browserFlowTimesOutAndFreesItsPort() async throws {
        try await withEmulator { harness in
            let login = WebLogin(callbackPort: 0, timeout: .milliseconds(300))
            let redirect = Mutex<String?>(nil)
            let error = await apiError { _ = try await login.run(try harness.oauth()) { prompt in redirect.withLock { $0 = prompt.redirectURI } } }
            #expect(error == .webFlowTimedOut(minutes: 1))
            let uri = try #require(redirect.withLock { $0 })
            await #expect(throws: (any Error).self) { _ = try await EmulatorHarness.request("GET", uri, timeout: .seconds(2)) }
        }
    }

    @Test func busyCallbackPortIsExplained() async throws {
        try await withEmulator { harness in
            // The emulator's own port is certainly busy.
            let login = WebLogin(callbackPort: harness.port, timeout: .seconds(5))
            let error = await apiError { _ = try await login.run(try harness.oauth()) { _ in } }
            #expect(error == .callbackPortInUse(harness.port))
        }
    }

    @Test func signInDispatchesOnTheProfileMethod() async throws {
        try await withEmulator { harness in
            let credentials = SignInCredentials(
                consumerSecret: harness.credentials.consumerSecret, password: harness.credentials.password,
                securityToken: harness.credentials.securityToken)
            let password = try await SalesforceConnection.signIn(
                profile: try harness.profile(.password), credentials: credentials, presenter: .silent)
            #expect(password.refreshToken == nil)
            let machine = try await SalesforceConnection.signIn(
                profile: try harness.profile(.clientCredentials, host: harness.myDomainURL), credentials: credentials, presenter: .silent)
            #expect(machine.accessToken != password.accessToken)
            let presenter = SignInPresenter(
                showDeviceCode: { code in Task { try await harness.approveDevice(userCode: code.userCode) } }, showWebLogin: { _ in })
            let device = try await SalesforceConnection.signIn(
                profile: try harness.profile(.device), credentials: credentials, presenter: presenter, sleep: harness.clockSleep)
            #expect(device.refreshToken != nil)
        }
    }

    @Test func revokeEndsTheSession() async throws {
        try await withEmulator { harness in
            let session = try await harness.deviceSession()
            try await SalesforceConnection.revoke(
                session: session, loginHost: try LoginHost(parsing: harness.loginURL), consumerKey: harness.credentials.consumerKey)
            let error = await apiError { _ = try await harness.client(session).identity() }
            #expect(error?.category == .signInNeeded)
            // Revoking what is already revoked is not an error.
            try await SalesforceConnection.revoke(
                session: session, loginHost: try LoginHost(parsing: harness.loginURL), consumerKey: harness.credentials.consumerKey)
        }
    }
}
