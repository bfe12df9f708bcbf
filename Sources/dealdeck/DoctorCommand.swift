import ArgumentParser
import DealdeckConfig
import DealdeckCore
import Foundation
import SalesforceAPI

/// `dealdeck doctor`: checks the Salesforce connection step by step and explains failures.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the Salesforce connection step by step and explain what is wrong.",
        discussion: """
            Steps: host reachable, token endpoint, identity, a one-row Opportunity query, describe. \
            For the username-password method, DEALDECK_PASSWORD (and DEALDECK_SECURITY_TOKEN) let the \
            doctor test the token endpoint. Exit codes: 0 all passed, 3 sign-in needed, 5 network, 1 otherwise.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON: {passed, verdict, exitCode, identity, steps: [{id, title, status, detail, cause, fix}]}.") var json = false

    func run() async throws {
        try await reportingErrors {
            let paths = DealdeckPaths.resolve(home: global.home)
            try paths.createDirectories()
            let settings = try SettingsFile.load(from: paths.configFile)
            let diagnosis = await Self.diagnose(paths: paths, settings: settings)
            let exitCode = Self.exitCode(diagnosis.verdict)
            if json {
                try Terminal.printJSON(DoctorJSON(diagnosis: diagnosis, exitCode: exitCode))
            } else {
                print(Self.render(diagnosis, settings: settings), terminator: "")
            }
            guard exitCode == ExitCodes.success else {
                let failure = diagnosis.report.firstFailure
                throw CLIError(
                    "The connection doctor found a problem at \"\(failure?.title ?? "?")\": \(failure?.detail ?? "see above")."
                        + (failure?.fix.map { " \($0)" } ?? ""),
                    exitCode: exitCode)
            }
        }
    }

    static func diagnose(paths: DealdeckPaths, settings: DealdeckSettings) async -> DoctorDiagnosis {
        let section = settings.salesforce
        let environment = ProcessInfo.processInfo.environment
        let method = section.authMethod.flatMap(AuthMethod.init(parsing:)) ?? .device
        let secrets = SecretStore.standard(paths: paths, settings: settings)
        var session: SalesforceSession?
        var problem: SalesforceAPIError?
        var storedSecret: String?
        do {
            let bundle = try secrets.load()
            if let key = section.consumerKey { storedSecret = bundle.consumerSecret(for: key) }
            if bundle.isSignedIn {
                let restored = try await SalesforceSignIn.restore(paths: paths, settings: settings)
                session = restored.session
            }
        } catch let error as SalesforceAPIError {
            problem = error
        } catch {
            // The sealed secrets cannot be opened (another key, a damaged file): check the
            // connection as if signed out, and say why.
            Terminal.printNote("The stored sign-in cannot be read: \(error)")
            problem = .notSignedIn
        }
        let input = DoctorInput(
            loginURL: section.loginURL ?? (section.consumerKey == nil ? nil : SalesforceSignIn.defaultLoginURL), method: method,
            consumerKey: section.consumerKey, username: section.username, scopes: ConnectionProfile.parseScopes(section.scopes),
            apiVersion: section.apiVersion ?? ConnectionProfile.defaultAPIVersion,
            consumerSecret: environment["DEALDECK_CONSUMER_SECRET"].flatMap { $0.isEmpty ? nil : $0 } ?? storedSecret, session: session,
            password: environment["DEALDECK_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }, securityToken: environment["DEALDECK_SECURITY_TOKEN"],
            passwordSource: SalesforceSignIn.passwordSource(settings))
        var withProblem = input
        withProblem.signInProblem = problem
        return await ConnectionDoctor(input: withProblem, tokenStore: SealedTokenStore(secrets: secrets)).diagnose()
    }

    static func exitCode(_ verdict: DoctorDiagnosis.Verdict) -> Int32 {
        switch verdict {
        case .passed: return ExitCodes.success
        case .signInNeeded: return ExitCodes.signInNeeded
        case .network: return ExitCodes.network
        case .failed: return ExitCodes.failure
        }
    }

    /// The human report: one line per step, with cause and fix under a failure.
    static func render(_ diagnosis: DoctorDiagnosis, settings: DealdeckSettings) -> String {
        let steps = diagnosis.report.steps
        let width = (steps.map { $0.title.count }.max() ?? 0) + 2
        var text = "Salesforce connection doctor (\(settings.salesforce.loginURL ?? "not configured"))\n\n"
        for step in steps {
            let mark: String
            switch step.status {
            case .passed: mark = "✓"
            case .failed: mark = "✗"
            case .skipped: mark = "-"
            }
            text += "\(mark) " + step.title.padding(toLength: width, withPad: " ", startingAt: 0) + TerminalText.sanitize(step.detail) + "\n"
            if let cause = step.cause { text += "    Likely cause: " + TerminalText.sanitize(cause) + "\n" }
            if let fix = step.fix { text += "    Fix: " + TerminalText.sanitize(fix) + "\n" }
        }
        if diagnosis.verdict == .passed { text += "\nEverything works.\n" }
        return text
    }
}

/// `dealdeck doctor --json`: every key always present (null when empty).
struct DoctorJSON: Encodable {
    let diagnosis: DoctorDiagnosis
    let exitCode: Int32

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(diagnosis.verdict == .passed, forKey: .passed)
        try container.encode(diagnosis.verdict.rawValue, forKey: .verdict)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(diagnosis.identity.map(IdentityJSON.init), forKey: .identity)
        try container.encode(diagnosis.report.steps.map(StepJSON.init), forKey: .steps)
    }

    enum CodingKeys: String, CodingKey { case passed, verdict, exitCode, identity, steps }

    struct StepJSON: Encodable {
        let step: DoctorStep

        init(_ step: DoctorStep) { self.step = step }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(step.id, forKey: .id)
            try container.encode(step.title, forKey: .title)
            try container.encode(step.status.rawValue, forKey: .status)
            try container.encode(step.detail, forKey: .detail)
            try container.encode(step.cause, forKey: .cause)
            try container.encode(step.fix, forKey: .fix)
        }

        enum CodingKeys: String, CodingKey { case id, title, status, detail, cause, fix }
    }

    struct IdentityJSON: Encodable {
        let identity: SalesforceIdentity

        init(_ identity: SalesforceIdentity) { self.identity = identity }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(identity.username, forKey: .username)
            try container.encode(identity.displayName, forKey: .displayName)
            try container.encode(identity.userId, forKey: .userId)
            try container.encode(identity.organizationId, forKey: .organizationId)
        }

        enum CodingKeys: String, CodingKey { case username, displayName, userId, organizationId }
    }
}
