import DealdeckConfig
import DealdeckCore
import Foundation
import SalesforceAPI

/// Where the stored Salesforce sign-in meets the settings: builds the `ConnectionProfile` from
/// `config.toml`, restores the sealed session, and hands out an authenticated client.
///
/// `dealdeck sync` (and anything else that talks to Salesforce) gets its client with
/// `SalesforceSignIn.client(paths:settings:)`: it renews sessions by itself and stores renewed
/// tokens sealed before using them.
enum SalesforceSignIn {
    static let defaultLoginURL = LoginHost.production.url

    /// The connection profile the settings describe.
    static func profile(_ section: DealdeckSettings.SalesforceSection) throws -> ConnectionProfile {
        let host = try LoginHost(parsing: section.loginURL ?? defaultLoginURL)
        let method =
            try section.authMethod.map { text -> AuthMethod in
                guard let method = AuthMethod(parsing: text) else {
                    throw CLIError(
                        "auth_method \"\(text)\" is not one of device, web, password, client-credentials. Fix it in config.toml or pass --method.")
                }
                return method
            } ?? .device
        guard let key = section.consumerKey, !key.isEmpty else { throw SalesforceAPIError.missingConsumerKey }
        return ConnectionProfile(
            loginHost: host, method: method, consumerKey: key, username: section.username, scopes: ConnectionProfile.parseScopes(section.scopes),
            prompt: section.prompt, callbackPort: section.callbackPort ?? ConnectionProfile.defaultCallbackPort,
            apiVersion: section.apiVersion ?? ConnectionProfile.defaultAPIVersion)
    }

    /// The session stored in `bundle`, when there is one.
    static func session(in bundle: SecretBundle) -> SalesforceSession? {
        guard let accessToken = bundle.accessToken, let signIn = bundle.signIn else { return nil }
        return SalesforceSession(
            accessToken: accessToken, refreshToken: bundle.refreshToken, instanceURL: signIn.instanceURL, identityURL: signIn.identityURL,
            scopes: (signIn.scopes ?? "").split(separator: " ").map(String.init))
    }

    /// A stored sign-in that still matches the settings.
    struct Restored {
        var profile: ConnectionProfile
        var session: SalesforceSession
        var consumerSecret: String?
        var signIn: SignInRecord
    }

    /// The stored sign-in. When the connection settings changed since it was made, its tokens
    /// are revoked and purged, and `settingsChanged` is thrown: everyone signs in again.
    static func restore(paths: DealdeckPaths, settings: DealdeckSettings) async throws -> Restored {
        let profile = try profile(settings.salesforce)
        let secrets = SecretStore.standard(paths: paths, settings: settings)
        let bundle = try secrets.load()
        guard let session = session(in: bundle), let signIn = bundle.signIn else { throw SalesforceAPIError.notSignedIn }
        let consumerSecret = bundle.consumerSecret(for: profile.consumerKey)
        guard signIn.settingsFingerprint == profile.fingerprint(consumerSecret: consumerSecret) else {
            await revokeAndPurge(secrets: secrets)
            throw SalesforceAPIError.settingsChanged
        }
        return Restored(profile: profile, session: session, consumerSecret: consumerSecret, signIn: signIn)
    }

    /// An authenticated client for the stored sign-in (see the type's documentation).
    static func client(paths: DealdeckPaths, settings: DealdeckSettings) async throws -> SalesforceClient {
        let restored = try await restore(paths: paths, settings: settings)
        return SalesforceConnection.client(
            profile: restored.profile, session: restored.session, consumerSecret: restored.consumerSecret,
            tokenStore: SealedTokenStore(secrets: SecretStore.standard(paths: paths, settings: settings)),
            passwordSource: passwordSource(settings))
    }

    /// Runs `security.password_command` for a fresh username-password sign-in; its output is the
    /// password with the security token appended.
    static func passwordSource(_ settings: DealdeckSettings) -> (@Sendable () async throws -> String)? {
        guard let command = settings.security.passwordCommand?.trimmingCharacters(in: .whitespaces), !command.isEmpty else { return nil }
        return {
            let output = try ShellCommand.run(command)
            guard output.status == 0 else {
                throw CLIError(
                    "The password_command failed with exit status \(output.status). Run it by hand to see why.", exitCode: ExitCodes.signInNeeded)
            }
            return ShellCommand.trimmedText(output.stdout)
        }
    }

    /// Revokes the stored sign-in at its login host (best effort: a host that cannot be reached
    /// must not keep tokens on disk) and purges the tokens, keeping the consumer secret.
    /// Returns whether Salesforce confirmed the revocation.
    @discardableResult
    static func revokeAndPurge(secrets: SecretStore) async -> Bool {
        guard let bundle = try? secrets.load() else {
            try? secrets.remove()
            return false
        }
        var revoked = false
        if let session = session(in: bundle), let signIn = bundle.signIn, let host = try? LoginHost(parsing: signIn.loginURL) {
            do {
                try await SalesforceConnection.revoke(session: session, loginHost: host, consumerKey: signIn.consumerKey)
                revoked = true
            } catch {
                revoked = false
            }
        }
        _ = try? secrets.update { $0.clearTokens() }
        return revoked
    }
}

/// Runs a Salesforce command body, turning API and secrets errors into `CLIError`s with the
/// documented exit codes (3 sign-in needed, 4 rate limited, 5 network, 2 bad settings).
func salesforceErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as SalesforceAPIError {
        throw CLIError(error.description, exitCode: ExitCodes.code(for: error.category))
    } catch let error as SecretStoreError {
        throw CLIError(error.description)
    }
}

extension ExitCodes {
    static func code(for category: SalesforceAPIError.Category) -> Int32 {
        switch category {
        case .signInNeeded: return signInNeeded
        case .rateLimited: return rateLimited
        case .network: return network
        case .configuration: return usage
        case .other: return failure
        }
    }
}
