import ArgumentParser
import DealdeckConfig
import DealdeckCore
import Foundation
import SalesforceAPI

/// `dealdeck login`: signs in to Salesforce and stores the tokens sealed.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in to Salesforce (device code, browser, username-password or client credentials).",
        discussion: """
            Methods: device (default; works over SSH), web (browser with PKCE and a callback on \
            http://localhost:1717/OauthRedirect), password (username + password + security token; \
            legacy, no refresh token), client-credentials (integration user; My Domain only). \
            Secrets are never read from arguments: set DEALDECK_CONSUMER_SECRET, DEALDECK_PASSWORD and \
            DEALDECK_SECURITY_TOKEN, or type them when asked. Changing the host, consumer key or \
            secret, username, method or scopes signs out the previous session.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "device, web, password or client-credentials (default: the saved method, else device).") var method: String?
    @Option(help: ArgumentHelp("Login host: https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.", valueName: "URL"))
    var loginUrl: String?
    @Flag(help: "Sign in to a sandbox (https://test.salesforce.com).") var sandbox = false
    @Option(help: ArgumentHelp("The connected app's Consumer Key.", valueName: "K")) var consumerKey: String?
    @Option(help: ArgumentHelp("Salesforce username (password flow; a hint for the browser).", valueName: "U")) var username: String?
    @Option(help: ArgumentHelp("OAuth scopes, space-separated (default \"api refresh_token\").", valueName: "S")) var scopes: String?
    @Option(help: ArgumentHelp("Browser prompt: login, consent or select_account.", valueName: "P")) var prompt: String?
    @Option(help: ArgumentHelp("Port of the browser sign-in's loopback callback (default 1717).", valueName: "N")) var callbackPort: Int?

    func run() async throws {
        try await reportingErrors {
            try checkUsage()
            try await salesforceErrors {
                try await signIn()
            }
        }
    }

    /// Bad flags exit with 2 like every other Dealdeck usage error (ArgumentParser's own
    /// validation would exit with 64).
    private func checkUsage() throws {
        if sandbox && loginUrl != nil { throw CLIError("Use either --sandbox or --login-url, not both.", exitCode: ExitCodes.usage) }
        if let method, AuthMethod(parsing: method) == nil {
            throw CLIError("--method must be device, web, password or client-credentials.", exitCode: ExitCodes.usage)
        }
        if let callbackPort, !(0...65535).contains(callbackPort) {
            throw CLIError("--callback-port must be between 0 and 65535.", exitCode: ExitCodes.usage)
        }
    }

    private func signIn() async throws {
        let paths = DealdeckPaths.resolve(home: global.home)
        try paths.createDirectories()
        var settings = try SettingsFile.load(from: paths.configFile)
        var section = settings.salesforce
        if sandbox { section.loginURL = LoginHost.sandbox.url }
        if let loginUrl { section.loginURL = loginUrl }
        if let method { section.authMethod = AuthMethod(parsing: method)?.rawValue }
        if let consumerKey { section.consumerKey = consumerKey.trimmingCharacters(in: .whitespaces) }
        if let username { section.username = username }
        if let scopes { section.scopes = scopes }
        if let prompt { section.prompt = prompt }
        if let callbackPort { section.callbackPort = callbackPort }
        if section.consumerKey?.isEmpty ?? true {
            guard let typed = SecretPrompt.read(prompt: "Consumer key: ", echo: true), !typed.isEmpty else {
                throw SalesforceAPIError.missingConsumerKey
            }
            section.consumerKey = typed
        }
        var profile = try SalesforceSignIn.profile(section)
        if profile.method == .password, profile.username?.isEmpty ?? true {
            guard let typed = SecretPrompt.read(prompt: "Username: ", echo: true), !typed.isEmpty else { throw SalesforceAPIError.missingUsername }
            section.username = typed
            profile.username = typed
        }

        // Refuse what cannot work before touching the stored sign-in.
        if profile.method == .clientCredentials, profile.loginHost.isGenericLoginHost {
            throw SalesforceAPIError.clientCredentialsNeedMyDomain(host: profile.loginHost.host)
        }

        let secrets = SecretStore.standard(paths: paths, settings: settings)
        var bundle: SecretBundle
        do {
            bundle = try secrets.load()
        } catch {
            Terminal.printNote("The stored secrets could not be opened (\(error)); signing in replaces them.")
            try? secrets.remove()
            bundle = SecretBundle()
        }
        let consumerSecret = try readConsumerSecret(profile: profile, stored: bundle.consumerSecret(for: profile.consumerKey))
        let credentials = try readCredentials(profile: profile, settings: settings, consumerSecret: consumerSecret)
        let fingerprint = profile.fingerprint(consumerSecret: consumerSecret)

        // Other settings than the stored sign-in's: revoke and purge it first, so that whatever
        // happens next, no token of the old connection stays behind.
        let previous = SalesforceSignIn.session(in: bundle)
        if previous != nil, bundle.signIn?.settingsFingerprint != fingerprint {
            let revoked = await SalesforceSignIn.revokeAndPurge(secrets: secrets)
            Terminal.printNote(
                "The connection settings changed, so the previous sign-in was "
                    + "\(revoked ? "revoked" : "removed (Salesforce could not be reached to revoke it)")."
            )
            bundle = (try? secrets.load()) ?? SecretBundle()
        }

        let session = try await SalesforceConnection.signIn(profile: profile, credentials: credentials, presenter: Self.presenter)
        let client = SalesforceConnection.client(profile: profile, session: session, consumerSecret: consumerSecret, tokenStore: nil)
        let identity = try await client.identity()
        let current = await client.currentSession

        let replaced = bundle.signIn?.settingsFingerprint == fingerprint ? SalesforceSignIn.session(in: bundle) : nil
        let replacedHost = bundle.signIn.flatMap { try? LoginHost(parsing: $0.loginURL) }
        bundle.consumerSecret = consumerSecret
        bundle.consumerKey = consumerSecret == nil ? nil : profile.consumerKey
        bundle.accessToken = current.accessToken
        bundle.refreshToken = current.refreshToken
        bundle.signIn = SignInRecord(
            loginURL: profile.loginHost.url, authMethod: profile.method.rawValue, consumerKey: profile.consumerKey, instanceURL: current.instanceURL,
            identityURL: current.identityURL ?? identity.identityURL, username: identity.username, displayName: identity.displayName,
            userId: identity.userId, organizationId: identity.organizationId, scopes: current.scopes.joined(separator: " "), signedInAt: Date(),
            settingsFingerprint: fingerprint)
        try secrets.save(bundle)

        // The same connection signed in again: the old tokens are no longer needed.
        if let replaced, replaced.accessToken != current.accessToken, let replacedHost {
            try? await SalesforceConnection.revoke(session: replaced, loginHost: replacedHost, consumerKey: profile.consumerKey)
        }

        section.loginURL = profile.loginHost.url
        section.authMethod = profile.method.rawValue
        settings.salesforce = section
        try SettingsFile.save(settings, to: paths.configFile)

        print("Signed in as \(identity.summary) to org \(identity.organizationId) at \(current.instanceURL) (\(profile.method.label) sign-in).")
    }

    /// The consumer secret: `DEALDECK_CONSUMER_SECRET`, the stored one for this key, or typed.
    /// Optional for the device and browser flows (a connected app may not require it).
    private func readConsumerSecret(profile: ConnectionProfile, stored: String?) throws -> String? {
        if let value = ProcessInfo.processInfo.environment["DEALDECK_CONSUMER_SECRET"], !value.isEmpty { return value }
        if let stored { return stored }
        let required = profile.method.requiresConsumerSecret
        let typed = SecretPrompt.read(prompt: required ? "Consumer secret: " : "Consumer secret (Enter if the app needs none): ", echo: false)
        if let typed, !typed.isEmpty { return typed }
        if required { throw SalesforceAPIError.missingConsumerSecret(method: profile.method.label) }
        return nil
    }

    /// The password flow's password and security token: the environment, the password_command,
    /// or typed. Used for this sign-in only and never stored.
    private func readCredentials(profile: ConnectionProfile, settings: DealdeckSettings, consumerSecret: String?) throws -> SignInCredentials {
        guard profile.method == .password else { return SignInCredentials(consumerSecret: consumerSecret) }
        let environment = ProcessInfo.processInfo.environment
        if environment["DEALDECK_PASSWORD"]?.isEmpty ?? true, let command = settings.security.passwordCommand, !command.isEmpty {
            let output = try ShellCommand.run(command)
            guard output.status == 0 else {
                throw CLIError("The password_command failed with exit status \(output.status). Run it by hand to see why.")
            }
            // Its output is the password with the security token appended.
            return SignInCredentials(consumerSecret: consumerSecret, password: ShellCommand.trimmedText(output.stdout), securityToken: "")
        }
        guard let password = SecretPrompt.value(environment: "DEALDECK_PASSWORD", prompt: "Password: "), !password.isEmpty else {
            throw CLIError("The username-password sign-in needs a password. Set DEALDECK_PASSWORD or type it when asked.")
        }
        let token = SecretPrompt.value(environment: "DEALDECK_SECURITY_TOKEN", prompt: "Security token (Enter if your IP is trusted): ") ?? ""
        return SignInCredentials(consumerSecret: consumerSecret, password: password, securityToken: token)
    }

    /// Shows the device code and the browser URL prominently on stderr (stdout stays for the result).
    static let presenter = SignInPresenter(
        showDeviceCode: { code in
            Terminal.printNote(
                """

                  To sign in, open   \(code.verificationURI)
                  and enter code     \(code.userCode)

                  (or open \(code.directURI) )
                  Waiting for approval… (Ctrl-C to cancel)
                """)
        },
        showWebLogin: { prompt in
            let port = URLComponents(string: prompt.redirectURI)?.port.map(String.init) ?? "PORT"
            Terminal.printNote(
                """

                  Open this address in a browser to sign in:

                  \(prompt.authorizeURL)

                  Salesforce sends the browser back to \(prompt.redirectURI) on this machine
                  (over SSH, forward that port first: ssh -L \(port):localhost:\(port) …).
                  Waiting for the browser… (Ctrl-C to cancel)
                """)
            BrowserLauncher.open(prompt.authorizeURL)
        })
}
