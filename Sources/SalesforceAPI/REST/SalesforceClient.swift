import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// An authenticated Salesforce REST and Bulk API 2.0 client.
///
/// Every request goes to the session's `instance_url` with the access token. When Salesforce
/// answers 401 `INVALID_SESSION_ID` (or the identity services' 403 `Bad_OAuth_Token`), the
/// client renews the session once with its `SessionRenewal`, stores the new session through the
/// `TokenStore` *before* using it, and retries; "This session is not valid for use with the REST
/// API" is never retried, since renewing cannot fix a missing scope. Concurrent requests that
/// hit an expired session share one renewal.
///
/// A renewal in the middle of paging kills the query's cursor (cursors belong to the session),
/// so query pages then fail with the typed `SalesforceAPIError.queryRestartRequired` instead of
/// restarting silently: the sync engine restarts from its own checkpoint.
///
/// `meter` counts the API calls made and keeps the latest `Sforce-Limit-Info` usage.
public actor SalesforceClient {
    /// `62.0`.
    public nonisolated let apiVersion: String
    public nonisolated let meter: APIMeter
    nonisolated let executor: RequestExecutor
    nonisolated let requestTimeout: Duration
    private var session: SalesforceSession
    /// Bumped by every renewal; requests remember the generation they used.
    private var generation = 0
    private var renewing: (from: Int, task: Task<SalesforceSession, any Error>)?
    private let renewal: SessionRenewal
    private let tokenStore: (any TokenStore)?

    public init(
        session: SalesforceSession, apiVersion: String = ConnectionProfile.defaultAPIVersion, renewal: SessionRenewal = .none,
        tokenStore: (any TokenStore)? = nil, transport: HTTPTransport = .live, retry: RetryPolicy = .standard,
        requestTimeout: Duration = .seconds(120), logger: Logger = Logger(label: "dealdeck.salesforce")
    ) {
        self.session = session
        self.apiVersion = ConnectionProfile.normalizedVersion(apiVersion)
        self.renewal = renewal
        self.tokenStore = tokenStore
        self.requestTimeout = requestTimeout
        let meter = APIMeter()
        self.meter = meter
        executor = RequestExecutor(transport: transport, retry: retry, meter: meter, logger: logger)
    }

    /// The current session (after any renewal).
    public var currentSession: SalesforceSession { session }

    /// The org's `instance_url`.
    public var instanceURL: String { session.instanceURL }

    /// REST and Bulk API calls made so far (for the sync log).
    public nonisolated var apiCallCount: Int { meter.callCount }

    /// The org's API usage as last reported in `Sforce-Limit-Info`.
    public nonisolated var apiUsage: APIUsage? { meter.latestUsage }

    /// `/services/data/v62.0`.
    public nonisolated var dataPath: String { "/services/data/v" + apiVersion }

    // MARK: Requests

    /// A successful response and the session generation that produced it.
    struct Sent: Sendable {
        var response: TransportResponse
        var generation: Int
        var host: String
    }

    /// Sends an authenticated request to `path` (absolute path on the instance, or a full URL)
    /// and returns the 2xx response; any other answer is thrown as a typed error.
    ///
    /// `pagingFrom` marks a follow-up page of a query started under that generation: if the
    /// session was renewed since, or gets renewed now, the cursor is gone and
    /// `queryRestartRequired` is thrown (after renewing, so the restarted query works).
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], headers extra: HTTPHeaders = HTTPHeaders(),
        body: [UInt8]? = nil, repeatable: Bool = true, pagingFrom startGeneration: Int? = nil
    ) async throws -> Sent {
        var renewed = false
        while true {
            let used = generation
            if let startGeneration, used != startGeneration { throw SalesforceAPIError.queryRestartRequired }
            var url = path.hasPrefix("http://") || path.hasPrefix("https://") ? path : session.instanceURL + path
            if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + FormEncoding.encode(query) }
            var headers = extra
            headers.replaceOrAdd(name: "Authorization", value: "Bearer " + session.accessToken)
            if !headers.contains(name: "accept") { headers.add(name: "Accept", value: "application/json") }
            let request = TransportRequest(method: method, url: url, headers: headers, body: body, timeout: requestTimeout)
            let host = EndpointSecurity.displayHost(url)
            let response = try await executor.perform(request, repeatable: repeatable)
            // A 200 web page (a Lightning host, a wrong My Domain) is not an answer either.
            if response.isSuccess && !response.isHTML {
                return Sent(response: response, generation: used, host: host)
            }
            switch Self.sessionProblem(response) {
            case .expired:
                if startGeneration != nil {
                    try await renew(from: used)
                    throw SalesforceAPIError.queryRestartRequired
                }
                guard !renewed else { throw SalesforceAPIError.sessionExpired }
                try await renew(from: used)
                renewed = true
                continue
            case .notForREST(let message):
                throw SalesforceAPIError.sessionNotValidForREST(message)
            case nil:
                throw Self.error(for: response, host: host)
            }
        }
    }

    /// Renews the session unless another request already did since generation `from`.
    private func renew(from used: Int) async throws {
        if generation > used { return }
        let task: Task<SalesforceSession, any Error>
        if let running = renewing, running.from == used {
            task = running.task
        } else {
            let current = session
            let renewal = renewal
            let tokenStore = tokenStore
            task = Task {
                let renewed = try await renewal.renew(current)
                if let tokenStore {
                    do {
                        try await tokenStore.store(renewed)
                    } catch {
                        throw SalesforceAPIError.tokenStoreFailed(String(describing: error))
                    }
                }
                return renewed
            }
            renewing = (used, task)
        }
        defer { if renewing?.from == used { renewing = nil } }
        let renewed = try await task.value
        if generation == used {
            session = renewed
            generation = used + 1
            executor.logger.info("Salesforce session renewed (instance \(renewed.instanceURL))")
        }
    }

    /// Forces a renewal now (the doctor uses it to check the refresh token).
    public func renewSession() async throws -> SalesforceSession {
        try await renew(from: generation)
        return session
    }

    enum SessionProblem: Equatable {
        case expired
        case notForREST(String)
    }

    /// Whether a response says the session is dead (renewable) or unfit for REST (not).
    static func sessionProblem(_ response: TransportResponse) -> SessionProblem? {
        if response.status == 403, response.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Bad_OAuth_Token" { return .expired }
        guard response.status == 401 else { return nil }
        let errors = restErrors(response)
        if let match = errors.first(where: { $0.message.lowercased().contains("not valid for use with the rest api") }) {
            return .notForREST(match.message)
        }
        return .expired
    }
}
