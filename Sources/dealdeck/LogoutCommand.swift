import ArgumentParser
import DealdeckConfig
import DealdeckCore
import Foundation
import SalesforceAPI

/// `dealdeck logout`: revokes the Salesforce tokens and removes them.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Sign out of Salesforce: revoke the tokens and remove them from this machine."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Also forget the stored consumer secret (removes the sealed secrets file).") var all = false

    func run() async throws {
        try await reportingErrors {
            try await salesforceErrors {
                let paths = DealdeckPaths.resolve(home: global.home)
                try paths.createDirectories()
                let settings = try SettingsFile.load(from: paths.configFile)
                let secrets = SecretStore.standard(paths: paths, settings: settings)
                let bundle: SecretBundle
                do {
                    bundle = try secrets.load()
                } catch {
                    guard all else { throw error }
                    try secrets.remove()
                    print("Removed the sealed secrets file; the tokens in it could not be revoked.")
                    return
                }
                guard let signIn = bundle.signIn, bundle.isSignedIn else {
                    if all { try secrets.remove() }
                    print(all ? "Not signed in; the stored consumer secret is forgotten." : "Not signed in.")
                    return
                }
                let revoked = await SalesforceSignIn.revokeAndPurge(secrets: secrets)
                if all { try secrets.remove() }
                let who = signIn.username ?? "the Salesforce user"
                if revoked {
                    print("Signed out \(who): the tokens are revoked and removed.")
                } else {
                    Terminal.printNote("Salesforce could not be reached to revoke the tokens; they were removed here and expire on their own.")
                    print("Signed out \(who).")
                }
            }
        }
    }
}
