import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceAPI
import SalesforceEmulator
import Testing

@Suite("Connection doctor: every diagnosis")
struct DoctorTests {
    /// Doctor input for the password flow with the emulator's credentials, adjusted by `change`.
    func passwordInput(_ harness: EmulatorHarness, _ change: (inout DoctorInput) -> Void = { _ in }) -> DoctorInput {
        var input = DoctorInput(
            loginURL: harness.loginURL, method: .password, consumerKey: harness.credentials.consumerKey, username: harness.credentials.username,
            consumerSecret: harness.credentials.consumerSecret, password: harness.credentials.password,
            securityToken: harness.credentials.securityToken)
        change(&input)
        return input
    }

    func diagnose(_ input: DoctorInput, transport: HTTPTransport = .live, store: (any TokenStore)? = nil) async -> DoctorDiagnosis {
        await ConnectionDoctor(input: input, tokenStore: store, transport: transport, retry: fastRetry).diagnose()
    }

    /// The failed step of a report (and that every later step was skipped).
    func failure(_ diagnosis: DoctorDiagnosis, at id: String) throws -> DoctorStep {
        let steps = diagnosis.report.steps
        #expect(steps.map(\.id) == ["host", "token", "identity", "query", "describe"])
        let index = try #require(steps.firstIndex { $0.id == id })
        #expect(steps[index].status == .failed, "step \(id): \(steps[index].detail)")
        #expect(steps[..<index].allSatisfy { $0.status != .failed })
        #expect(steps[(index + 1)...].allSatisfy { $0.status == .skipped })
        #expect(!diagnosis.report.passed)
        return steps[index]
    }

    @Test func everythingPasses() async throws {
        try await withEmulator { harness in
            let diagnosis = await diagnose(passwordInput(harness))
            #expect(diagnosis.verdict == .passed)
            #expect(diagnosis.report.passed)
            #expect(diagnosis.report.steps.allSatisfy { $0.status == .passed })
            #expect(diagnosis.identity?.username == harness.credentials.username)
            #expect(diagnosis.report.steps[4].detail.contains("multi-currency off"))
        }
    }

    @Test func unknownConsumerKey() async throws {
        try await withEmulator { harness in
            let diagnosis = await diagnose(passwordInput(harness) { $0.consumerKey = "3MVG9NotTheRightKey" })
            let step = try failure(diagnosis, at: "token")
            #expect(step.detail.contains("invalid_client_id"))
            #expect(step.cause?.contains("10 minutes") == true)
            #expect(step.fix?.contains("App Manager") == true)
            #expect(diagnosis.verdict == .failed)
        }
    }

    @Test func wrongConsumerSecret() async throws {
        try await withEmulator { harness in
            let diagnosis = await diagnose(passwordInput(harness) { $0.consumerSecret = "1234" })
            let step = try failure(diagnosis, at: "token")
            #expect(step.detail.contains("invalid_client"))
            #expect(step.cause?.contains("consumer secret") == true)
            #expect(step.fix?.contains("DEALDECK_CONSUMER_SECRET") == true)
        }
    }

    @Test func wrongPasswordOrBlockedFlow() async throws {
        try await withEmulator { harness in
            let wrong = await diagnose(passwordInput(harness) { $0.securityToken = "" })
            let step = try failure(wrong, at: "token")
            #expect(step.detail.contains("authentication failure"))
            #expect(step.cause?.contains("security token") == true)
            #expect(step.cause?.contains("IP") == true)
            #expect(step.cause?.contains("blocks the username-password flow") == true)
            #expect(step.fix?.contains("--method device") == true)

            try await harness.setUsernamePasswordFlowBlocked(true)
            let blocked = try failure(await diagnose(passwordInput(harness)), at: "token")
            #expect(blocked.cause == step.cause, "Salesforce words a blocked flow exactly like a bad password")
        }
    }

    @Test func sandboxUserOnAProductionHost() async throws {
        try await withEmulator { harness in
            let diagnosis = await diagnose(passwordInput(harness) { $0.username = harness.credentials.username + ".uat" })
            let step = try failure(diagnosis, at: "token")
            #expect(step.cause?.contains(".uat") == true)
            #expect(step.cause?.contains("sandbox") == true)
            #expect(step.fix?.contains("--sandbox") == true)
            #expect(DoctorAdvice.sandboxSuffix(of: "jane@acme.com") == nil)
            #expect(DoctorAdvice.sandboxSuffix(of: "jane@acme.com.qa") == ".qa")
        }
    }

    @Test func expiredOrRevokedRefreshToken() async throws {
        try await withEmulator { harness in
            let session = try await harness.deviceSession()
            try await harness.revokeRefreshTokens()
            let diagnosis = await diagnose(
                DoctorInput(
                    loginURL: harness.loginURL, method: .device, consumerKey: harness.credentials.consumerKey,
                    consumerSecret: harness.credentials.consumerSecret, session: session))
            let step = try failure(diagnosis, at: "token")
            #expect(step.detail.contains("expired access/refresh token"))
            #expect(step.fix?.contains("dealdeck login") == true)
            #expect(diagnosis.verdict == .signInNeeded)
        }
    }

    @Test func storedRefreshTokenIsRenewedAndStored() async throws {
        try await withEmulator({ $0.rotateRefreshTokens = true }) { harness in
            let session = try await harness.deviceSession()
            let store = MemoryTokenStore()
            let diagnosis = await diagnose(
                DoctorInput(
                    loginURL: harness.loginURL, method: .device, consumerKey: harness.credentials.consumerKey,
                    consumerSecret: harness.credentials.consumerSecret, session: session), store: store)
            #expect(diagnosis.verdict == .passed)
            #expect(store.session?.refreshToken != session.refreshToken, "a rotated token must reach the store")
        }
    }

    @Test func inactiveUser() async throws {
        try await withEmulator { harness in
            let session = try await harness.deviceSession()
            try await harness.setUserActive(username: harness.credentials.username, active: false)
            let diagnosis = await diagnose(
                DoctorInput(
                    loginURL: harness.loginURL, method: .device, consumerKey: harness.credentials.consumerKey,
                    consumerSecret: harness.credentials.consumerSecret, session: session))
            let step = try failure(diagnosis, at: "token")
            #expect(step.detail.contains("inactive user"))
            #expect(step.cause?.contains("deactivated") == true)
            #expect(step.fix?.contains("Setup → Users") == true)
            #expect(diagnosis.verdict == .signInNeeded)
        }
    }

    @Test func expiredPasswordSession() async throws {
        try await withEmulator { harness in
            let session = try await harness.passwordSession()
            try await harness.expireSessions()
            let diagnosis = await diagnose(
                passwordInput(harness) {
                    $0.password = nil
                    $0.session = session
                })
            #expect(diagnosis.report.steps[1].status == .skipped)
            let step = try failure(diagnosis, at: "identity")
            #expect(step.cause?.contains("no refresh token") == true)
            #expect(diagnosis.verdict == .signInNeeded)
        }
    }

    @Test func clientCredentialsNeedMyDomain() async throws {
        try await withEmulator { harness in
            var input = passwordInput(harness)
            input.method = .clientCredentials
            let diagnosis = await diagnose(input)
            let step = try failure(diagnosis, at: "token")
            #expect(step.detail.contains("request not supported on this domain"))
            #expect(step.fix?.contains("my.salesforce.com") == true)

            input.loginURL = harness.myDomainURL
            #expect(await diagnose(input).verdict == .passed)
        }
        // A generic login host is refused without asking it.
        let offline = await diagnose(
            DoctorInput(loginURL: "https://login.salesforce.com", method: .clientCredentials, consumerKey: "k", consumerSecret: "s"))
        let step = try failure(offline, at: "host")
        #expect(step.cause?.contains("My Domain") == true)
    }

    @Test func lightningAddress() async throws {
        let diagnosis = await diagnose(DoctorInput(loginURL: "https://acme.lightning.force.com", method: .device, consumerKey: "k"))
        let step = try failure(diagnosis, at: "host")
        #expect(step.detail.contains("Lightning"))
        #expect(step.fix?.contains("https://acme.my.salesforce.com") == true)
        #expect(diagnosis.verdict == .failed)
    }

    @Test func insecureAddress() async throws {
        let diagnosis = await diagnose(DoctorInput(loginURL: "http://login.salesforce.com", method: .device, consumerKey: "k"))
        let step = try failure(diagnosis, at: "host")
        #expect(step.cause?.contains("HTTPS") == true)
    }

    @Test func htmlInsteadOfJSON() async throws {
        try await withEmulator { harness in
            // A host that answers sign-in with a web page (the emulator's Lightning persona).
            let transport = hostRewriting("dealdeck-demo.lightning.force.com:\(harness.port)")
            let diagnosis = await diagnose(passwordInput(harness), transport: transport)
            let step = try failure(diagnosis, at: "token")
            #expect(step.detail.contains("web page"))
            #expect(step.cause?.contains("My Domain is wrong or expired") == true)
            #expect(step.fix?.contains("Setup → My Domain") == true)
        }
        try await withEmulator { harness in
            // A maintenance page that outlasts the retries, at the query step.
            try await harness.addFault("html503", count: 20, pathContains: "/query")
            let step = try failure(await diagnose(passwordInput(harness)), at: "query")
            #expect(step.detail.contains("HTTP 503"))
        }
    }

    @Test func apiDisabledForTheEdition() async throws {
        try await withEmulator { harness in
            try await harness.addFault("apiDisabled", pathContains: "/query")
            let step = try failure(await diagnose(passwordInput(harness)), at: "query")
            #expect(step.detail.contains("API_DISABLED_FOR_ORG"))
            #expect(step.cause?.contains("Professional") == true)
            #expect(step.fix?.contains("API Enabled") == true)
        }
    }

    @Test func apiLimitReached() async throws {
        try await withEmulator { harness in
            try await harness.addFault("requestLimitExceeded", pathContains: "/query")
            let step = try failure(await diagnose(passwordInput(harness)), at: "query")
            #expect(step.detail.contains("REQUEST_LIMIT_EXCEEDED"))
        }
    }

    @Test func sessionWithoutTheAPIScope() async throws {
        try await withEmulator { harness in
            let session = try await harness.deviceSession(scopes: ["refresh_token", "id"])
            let diagnosis = await diagnose(
                DoctorInput(
                    loginURL: harness.loginURL, method: .device, consumerKey: harness.credentials.consumerKey,
                    consumerSecret: harness.credentials.consumerSecret, session: session))
            let step = try failure(diagnosis, at: "query")
            #expect(step.cause?.contains("api scope") == true)
            #expect(diagnosis.verdict == .signInNeeded)
        }
    }

    @Test func notSignedInOrNotConfigured() async throws {
        try await withEmulator { harness in
            let notSignedIn = await diagnose(DoctorInput(loginURL: harness.loginURL, method: .device, consumerKey: harness.credentials.consumerKey))
            let missing = try failure(notSignedIn, at: "token")
            #expect(missing.fix == "Run dealdeck login.")
            #expect(notSignedIn.verdict == .signInNeeded)

            var changed = DoctorInput(loginURL: harness.loginURL, method: .device, consumerKey: harness.credentials.consumerKey)
            changed.signInProblem = .settingsChanged
            let changedStep = try failure(await diagnose(changed), at: "token")
            #expect(changedStep.detail.contains("settings changed"))
        }
        let unconfigured = await diagnose(DoctorInput(loginURL: nil, method: .device, consumerKey: nil))
        let unconfiguredStep = try failure(unconfigured, at: "host")
        #expect(unconfiguredStep.fix?.contains("dealdeck login") == true)
        #expect(unconfigured.verdict == .signInNeeded)
    }

    @Test func unreachableHost() async throws {
        let diagnosis = await diagnose(DoctorInput(loginURL: "http://127.0.0.1:1", method: .device, consumerKey: "k"))
        let step = try failure(diagnosis, at: "host")
        #expect(step.detail.contains("refused"))
        #expect(diagnosis.verdict == .network)
    }
}
