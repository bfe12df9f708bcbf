import DealdeckCore
import Foundation
import Logging

/// The connection doctor: host reachable → token endpoint → identity → one-row Opportunity
/// query → describe. Each step passes or fails with the likely cause and the fix; after a
/// failure the remaining steps are skipped.
///
/// The token step proves the credentials: it refreshes a stored refresh token (the new
/// session goes to the token store, as any renewal does), runs the password grant when a
/// password is at hand, or the client-credentials grant. A stored password session has no
/// token endpoint to test; the identity step then checks it.
public struct ConnectionDoctor: Sendable {
    public var input: DoctorInput
    public var tokenStore: (any TokenStore)?
    public var transport: HTTPTransport
    public var retry: RetryPolicy
    public var logger: Logger

    public init(
        input: DoctorInput, tokenStore: (any TokenStore)? = nil, transport: HTTPTransport = .live,
        retry: RetryPolicy = RetryPolicy(maximumAttempts: 2), logger: Logger = Logger(label: "dealdeck.doctor")
    ) {
        self.input = input
        self.tokenStore = tokenStore
        self.transport = transport
        self.retry = retry
        self.logger = logger
    }

    static let titles: [(id: String, title: String)] = [
        ("host", "Host reachable"), ("token", "Token endpoint"), ("identity", "Identity"), ("query", "Opportunity query"),
        ("describe", "Opportunity describe"),
    ]

    /// Runs the checks; never throws (every problem is a finding).
    public func diagnose() async -> DoctorDiagnosis {
        var run = Run(titles: Self.titles)
        await run.perform(self)
        return run.diagnosis
    }

    /// Just the report.
    public func run() async -> DoctorReport {
        await diagnose().report
    }

    /// The state of one doctor run.
    private struct Run {
        var steps: [DoctorStep] = []
        var verdict: DoctorDiagnosis.Verdict = .passed
        var identity: SalesforceIdentity?
        let titles: [(id: String, title: String)]

        init(titles: [(id: String, title: String)]) {
            self.titles = titles
        }

        var diagnosis: DoctorDiagnosis {
            var all = steps
            for entry in titles.dropFirst(steps.count) {
                all.append(DoctorStep(id: entry.id, title: entry.title, status: .skipped, detail: "skipped: an earlier step failed"))
            }
            return DoctorDiagnosis(report: DoctorReport(steps: all), verdict: verdict, identity: identity)
        }

        private var nextTitle: (id: String, title: String) { titles[steps.count] }

        mutating func pass(_ detail: String) {
            steps.append(DoctorStep(id: nextTitle.id, title: nextTitle.title, status: .passed, detail: detail))
        }

        mutating func skip(_ detail: String) {
            steps.append(DoctorStep(id: nextTitle.id, title: nextTitle.title, status: .skipped, detail: detail))
        }

        mutating func fail(_ advice: DoctorAdvice, verdict: DoctorDiagnosis.Verdict) {
            steps.append(
                DoctorStep(id: nextTitle.id, title: nextTitle.title, status: .failed, detail: advice.detail, cause: advice.cause, fix: advice.fix))
            self.verdict = verdict
        }

        mutating func fail(_ error: any Error, context: DoctorAdvice.Context) {
            fail(DoctorAdvice.advice(for: error, context: context), verdict: Self.verdict(for: error))
        }

        static func verdict(for error: any Error) -> DoctorDiagnosis.Verdict {
            switch (error as? SalesforceAPIError)?.category {
            case .signInNeeded: return .signInNeeded
            case .network: return .network
            default: return .failed
            }
        }

        mutating func perform(_ doctor: ConnectionDoctor) async {
            let input = doctor.input
            // 1. Host.
            guard let loginURL = input.loginURL, !loginURL.isEmpty, let consumerKey = input.consumerKey, !consumerKey.isEmpty else {
                fail(
                    DoctorAdvice(
                        detail: "no Salesforce connection is configured", cause: "Dealdeck has no login URL or consumer key yet.",
                        fix: "Run dealdeck login --consumer-key KEY (add --sandbox or --login-url for other hosts)."),
                    verdict: .signInNeeded)
                return
            }
            var context = DoctorAdvice.Context(username: input.username, loginHost: nil, method: input.method)
            let host: LoginHost
            do {
                host = try LoginHost(parsing: loginURL)
            } catch {
                fail(error, context: context)
                return
            }
            context.loginHost = host
            // Knowable without asking: Salesforce refuses client credentials on the generic hosts.
            if input.method == .clientCredentials, host.isGenericLoginHost {
                fail(SalesforceAPIError.clientCredentialsNeedMyDomain(host: host.host), context: context)
                return
            }
            let oauth = OAuthClient(
                loginHost: host, consumerKey: consumerKey, consumerSecret: input.consumerSecret, transport: doctor.transport, retry: doctor.retry,
                logger: doctor.logger)
            let started = ContinuousClock.now
            do {
                let response = try await oauth.probe()
                let elapsed = ContinuousClock.now - started
                let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                pass("\(host.url) answered HTTP \(response.status) in \(milliseconds) ms")
            } catch {
                fail(error, context: context)
                return
            }

            // 2. Token endpoint.
            var session: SalesforceSession
            do {
                if input.method == .clientCredentials {
                    session = try await oauth.clientCredentialsGrant()
                    pass("the client-credentials grant worked")
                } else if let stored = input.session, let refreshToken = stored.refreshToken {
                    session = try await oauth.refresh(refreshToken)
                    if let store = doctor.tokenStore { try await store.store(session) }
                    pass("the stored refresh token works")
                } else if input.method == .password, let password = input.password {
                    guard let username = input.username, !username.isEmpty else { throw SalesforceAPIError.missingUsername }
                    session = try await oauth.passwordGrant(username: username, password: password, securityToken: input.securityToken ?? "")
                    pass("the username-password grant worked for \(username)")
                } else if let stored = input.session {
                    session = stored
                    skip("this sign-in has no refresh token to test; the stored session is checked next")
                } else {
                    throw input.signInProblem ?? SalesforceAPIError.notSignedIn
                }
            } catch {
                fail(error, context: context)
                return
            }

            // 3. Identity.
            let profile = ConnectionProfile(
                loginHost: host, method: input.method, consumerKey: consumerKey, username: input.username, scopes: input.scopes,
                apiVersion: input.apiVersion)
            let client = SalesforceConnection.client(
                profile: profile, session: session, consumerSecret: input.consumerSecret, tokenStore: doctor.tokenStore,
                passwordSource: input.passwordSource, transport: doctor.transport, retry: doctor.retry, logger: doctor.logger)
            do {
                let who = try await client.identity()
                identity = who
                pass("signed in as \(who.summary) in org \(who.organizationId) at \(await client.instanceURL)")
            } catch {
                fail(error, context: context)
                return
            }

            // 4. One-row query.
            do {
                var rows = 0
                for try await page in client.query("SELECT Id, Name FROM Opportunity LIMIT 1") {
                    rows += page.records.count
                }
                pass(rows == 0 ? "the query worked; this user sees no opportunities" : "read one opportunity")
            } catch {
                fail(error, context: context)
                return
            }

            // 5. Describe.
            do {
                let description = try await client.describe(sObject: "Opportunity")
                pass("\(description.fields.count) fields; multi-currency \(description.hasCurrencyIsoCode ? "on" : "off"); API v\(client.apiVersion)")
            } catch {
                fail(error, context: context)
            }
        }
    }
}
