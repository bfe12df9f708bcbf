import DealdeckConfig
import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceAPI
import SalesforceEmulator
import Testing

/// `dealdeck login / logout / doctor` run as a person would, against the emulator, each in its
/// own temporary `DEALDECK_HOME`.
@Suite("dealdeck login, logout and doctor end to end")
struct CLIEndToEndTests {
    /// A temporary Dealdeck home and the commands run in it.
    struct Home {
        let path: String
        let harness: EmulatorHarness

        init(_ harness: EmulatorHarness) {
            self.harness = harness
            path = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-login-\(UUID().uuidString)").path
        }

        var paths: DealdeckPaths { DealdeckPaths.resolve(home: path) }

        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            var values = ["DEALDECK_HOME": path, "DEALDECK_CONSUMER_SECRET": harness.credentials.consumerSecret]
            for (key, value) in extra { values[key] = value }
            return ProcessRunner.environment(values)
        }

        var passwordEnvironment: [String: String] {
            ["DEALDECK_PASSWORD": harness.credentials.password, "DEALDECK_SECURITY_TOKEN": harness.credentials.securityToken]
        }

        func run(_ arguments: [String], _ extra: [String: String] = [:], timeout: Duration = .seconds(60)) async throws -> ProcessResult {
            try await ProcessRunner.run(ProcessRunner.executable(named: "dealdeck"), arguments, environment: environment(extra), timeout: timeout)
        }

        func start(_ arguments: [String], _ extra: [String: String] = [:]) throws -> RunningProcess {
            try ProcessRunner.start(ProcessRunner.executable(named: "dealdeck"), arguments, environment: environment(extra))
        }

        /// `login` flags for the emulator.
        func loginArguments(_ method: String, host: String? = nil) -> [String] {
            ["login", "--method", method, "--login-url", host ?? harness.loginURL, "--consumer-key", harness.credentials.consumerKey,
             "--username", harness.credentials.username]
        }

        /// What is sealed on disk now.
        func sealed() throws -> SecretBundle {
            let settings = try SettingsFile.load(from: paths.configFile)
            return try SecretStore.standard(paths: paths, settings: settings).load()
        }

        /// Every file under the home, with its bytes.
        func files() throws -> [(path: String, bytes: Data)] {
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [(String, Data)] = []
            while let relative = enumerator?.nextObject() as? String {
                let full = path + "/" + relative
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                    found.append((full, try Data(contentsOf: URL(fileURLWithPath: full))))
                }
            }
            return found
        }

        /// Fails for every file that holds one of `secrets` in plain text.
        func expectNoPlainSecrets(_ secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let files = try files()
            #expect(!files.isEmpty, sourceLocation: sourceLocation)
            for secret in secrets where secret.count >= 6 {
                for file in files where file.bytes.range(of: Data(secret.utf8)) != nil {
                    Issue.record("\(file.path) holds a secret in plain text", sourceLocation: sourceLocation)
                }
            }
        }

        /// Folders 0700, files 0600.
        func expectPrivateModes(sourceLocation: SourceLocation = #_sourceLocation) {
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                let full = path + "/" + relative
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
                let mode = PrivateFiles.permissions(of: full)
                #expect(mode == (isDirectory.boolValue ? 0o700 : 0o600), "\(relative) has mode \(String(mode ?? 0, radix: 8))", sourceLocation: sourceLocation)
            }
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

        /// The emulator's secrets plus the tokens sealed now.
        func allSecrets() throws -> [String] {
            let bundle = try sealed()
            let credentials = harness.credentials
            return [
                credentials.consumerSecret, credentials.password, credentials.securityToken, credentials.password + credentials.securityToken,
            ] + [bundle.accessToken, bundle.refreshToken].compactMap { $0 }
        }
    }

    /// Whether an access token still works (userinfo answers 200).
    func tokenWorks(_ token: String, _ harness: EmulatorHarness) async throws -> Bool {
        try await EmulatorHarness.request("GET", harness.myDomainURL + "/services/oauth2/userinfo", headers: [("Authorization", "Bearer " + token)]).status == 200
    }

    @Test func passwordLoginDoctorAndLogout() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            let login = try await home.run(home.loginArguments("password"), home.passwordEnvironment)
            #expect(login.status == 0, "\(login.stderr)")
            #expect(login.stdout.contains("Signed in as Dana Admin (admin@dealdeck-demo.example) to org 00D"))
            #expect(login.stdout.contains("username-password sign-in"))

            let bundle = try home.sealed()
            let accessToken = try #require(bundle.accessToken)
            #expect(bundle.refreshToken == nil)
            #expect(bundle.consumerSecret == harness.credentials.consumerSecret)
            #expect(bundle.signIn?.instanceURL == harness.myDomainURL)
            #expect(bundle.signIn?.username == harness.credentials.username)
            #expect(bundle.signIn?.organizationId?.hasPrefix("00D") == true)
            try home.expectNoPlainSecrets(try home.allSecrets())
            home.expectPrivateModes()
            let config = try String(contentsOfFile: home.paths.configFile, encoding: .utf8)
            #expect(config.contains("auth_method = 'password'") && config.contains(harness.credentials.consumerKey))

            let doctor = try await home.run(["doctor"])
            #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
            #expect(doctor.stdout.contains("✓ Identity") && doctor.stdout.contains("Everything works."))
            let json = try await home.run(["doctor", "--json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(report["passed"] as? Bool == true && report["verdict"] as? String == "passed" && report["exitCode"] as? Int == 0)
            let steps = try #require(report["steps"] as? [[String: Any]])
            #expect(steps.map { $0["id"] as? String } == ["host", "token", "identity", "query", "describe"])
            #expect(steps.allSatisfy { $0.keys.sorted() == ["cause", "detail", "fix", "id", "status", "title"] })

            let logout = try await home.run(["logout"])
            #expect(logout.status == 0 && logout.stdout.contains("Signed out"))
            #expect(try await tokenWorks(accessToken, harness) == false, "logout revokes the token")
            #expect(try home.sealed().accessToken == nil)
            #expect(try home.sealed().consumerSecret != nil, "the consumer secret stays until logout --all")

            let after = try await home.run(["doctor"])
            #expect(after.status == 3, "\(after.stdout)\(after.stderr)")
            #expect(after.stdout.contains("not signed in"))
            let all = try await home.run(["logout", "--all"])
            #expect(all.status == 0)
            #expect(!FileManager.default.fileExists(atPath: home.paths.secretsFile))
        }
    }

    @Test func deviceLoginApprovedInTheBrowser() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            let process = try home.start(home.loginArguments("device"))
            let code = try await process.waitForOutput { _, stderr in
                stderr.range(of: #"user_code=([A-Z0-9]+)"#, options: .regularExpression).map { String(stderr[$0].dropFirst("user_code=".count)) }
            }
            #expect(process.stderr.contains("enter code     \(code)"))
            try await harness.approveDeviceInBrowser(userCode: code)
            let result = try await process.wait(timeout: .seconds(40))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Signed in as Dana Admin") && result.stdout.contains("device sign-in"))
            let bundle = try home.sealed()
            #expect(bundle.refreshToken != nil)
            try home.expectNoPlainSecrets(try home.allSecrets())
            home.expectPrivateModes()

            // The stored sign-in renews itself; once revoked, the doctor asks for a new sign-in.
            try await harness.expireSessions()
            #expect(try await home.run(["doctor"]).status == 0)
            try await harness.revokeRefreshTokens()
            try await harness.expireSessions()
            let doctor = try await home.run(["doctor"])
            #expect(doctor.status == 3)
            #expect(doctor.stdout.contains("expired access/refresh token"))
            #expect(doctor.stderr.split(separator: "\n").count == 1, "one line on stderr")
        }
    }

    @Test func webLoginWithTheBrowserPlayedOverHTTP() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            let process = try home.start(home.loginArguments("web") + ["--callback-port", "0", "--prompt", "login"])
            let url = try await process.waitForOutput { _, stderr in
                stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.contains("/services/oauth2/authorize?") }
            }
            #expect(url.contains("code_challenge_method=S256") && url.contains("prompt=login"))
            let callback = try await harness.playBrowser(authorizeURL: url)
            let page = try await EmulatorHarness.request("GET", callback)
            #expect(page.status == 200)
            let result = try await process.wait(timeout: .seconds(30))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("browser sign-in"))
            #expect(try home.sealed().refreshToken != nil)
            try home.expectNoPlainSecrets(try home.allSecrets())
            home.expectPrivateModes()
        }
    }

    @Test func clientCredentialsLogin() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            let refused = try await home.run(home.loginArguments("client-credentials"))
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("My Domain"))
            let login = try await home.run(home.loginArguments("client-credentials", host: harness.myDomainURL))
            #expect(login.status == 0, "\(login.stderr)")
            #expect(login.stdout.contains("Signed in as Integration User (integration@dealdeck-demo.example)"))
            try home.expectNoPlainSecrets(try home.allSecrets())
            let offline = try await home.run(["login", "--method", "client-credentials", "--login-url", "https://test.salesforce.com", "--consumer-key", "k"])
            #expect(offline.status == 2 && offline.stderr.contains("My Domain"))
            #expect(try home.sealed().accessToken != nil, "a refused login leaves the current sign-in alone")
        }
    }

    @Test func changingConnectionSettingsRevokesThePreviousSignIn() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            #expect(try await home.run(home.loginArguments("password"), home.passwordEnvironment).status == 0)
            let first = try #require(try home.sealed().accessToken)
            let again = try await home.run(home.loginArguments("client-credentials", host: harness.myDomainURL))
            #expect(again.status == 0)
            #expect(again.stderr.contains("connection settings changed"))
            #expect(try await tokenWorks(first, harness) == false)
            #expect(try home.sealed().signIn?.authMethod == "client-credentials")

            // Settings edited by hand (another consumer key): the stored sign-in is purged on use.
            let second = try #require(try home.sealed().accessToken)
            let config = try String(contentsOfFile: home.paths.configFile, encoding: .utf8)
            try config.replacingOccurrences(of: harness.credentials.consumerKey, with: "3MVG9SomeOtherApp")
                .write(toFile: home.paths.configFile, atomically: true, encoding: .utf8)
            let doctor = try await home.run(["doctor"])
            #expect(doctor.status != 0)
            #expect(try home.sealed().accessToken == nil)
            #expect(try await tokenWorks(second, harness) == false)
        }
    }

    @Test func failuresExplainThemselvesAndStoreNothing() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            let wrong = try await home.run(home.loginArguments("password"), ["DEALDECK_PASSWORD": "wrong", "DEALDECK_SECURITY_TOKEN": ""])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("authentication failure") && wrong.stderr.contains("--method device"))
            #expect(wrong.stderr.split(separator: "\n").count == 1)
            #expect(!wrong.stderr.contains("wrong"), "the password never appears in a message")
            #expect(try home.sealed().accessToken == nil)

            let insecure = try await home.run(["login", "--login-url", "http://login.example.com", "--consumer-key", "k"])
            #expect(insecure.status == 2 && insecure.stderr.contains("https://"))
            let lightning = try await home.run(["login", "--login-url", "https://acme.lightning.force.com", "--consumer-key", "k"])
            #expect(lightning.status == 2 && lightning.stderr.contains("https://acme.my.salesforce.com"))
            let both = try await home.run(["login", "--sandbox", "--login-url", "https://x.my.salesforce.com"])
            #expect(both.status == 2)
            let bogus = try await home.run(["login", "--method", "carrier-pigeon"])
            #expect(bogus.status == 2 && bogus.stderr.contains("device, web, password or client-credentials"))
            let unreachable = try await home.run(["login", "--method", "password", "--login-url", "http://127.0.0.1:1", "--consumer-key", "k", "--username", "u"], home.passwordEnvironment)
            #expect(unreachable.status == 5, "\(unreachable.stderr)")
            #expect(unreachable.stderr.contains("could not reach 127.0.0.1:1"))
        }
    }

    @Test func doctorExitCodes() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            let unconfigured = try await home.run(["doctor"])
            #expect(unconfigured.status == 3)
            try home.paths.createDirectories()
            try "[salesforce]\nlogin_url = 'http://127.0.0.1:1'\nconsumer_key = 'k'\n".write(toFile: home.paths.configFile, atomically: true, encoding: .utf8)
            let network = try await home.run(["doctor", "--json"])
            #expect(network.status == 5)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(network.stdout.utf8)) as? [String: Any])
            #expect(report["verdict"] as? String == "network")

            #expect(try await home.run(home.loginArguments("password"), home.passwordEnvironment).status == 0)
            try await harness.addFault("apiDisabled", count: 5, pathContains: "/query")
            let disabled = try await home.run(["doctor"])
            #expect(disabled.status == 1)
            #expect(disabled.stdout.contains("✗ Opportunity query") && disabled.stdout.contains("Professional"))
        }
    }

    @Test func keyCommandInsteadOfAKeyFile() async throws {
        try await withEmulator { harness in
            let home = Home(harness)
            defer { home.cleanUp() }
            try home.paths.createDirectories()
            let key = Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()
            try "[security]\nkey_command = 'printf %s \(key)'\n".write(toFile: home.paths.configFile, atomically: true, encoding: .utf8)
            #expect(try await home.run(home.loginArguments("password"), home.passwordEnvironment).status == 0)
            #expect(!FileManager.default.fileExists(atPath: home.paths.keyFile), "the key comes from the command, not a file")
            #expect(try home.sealed().accessToken != nil)
            try home.expectNoPlainSecrets(try home.allSecrets())
            #expect(try await home.run(["doctor"]).status == 0)
        }
    }
}
