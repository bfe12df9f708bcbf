import DealdeckCore
import DealdeckTestSupport
import Foundation
import NIOHTTP1
import SalesforceAPI
import SalesforceEmulator
import Synchronization
import Testing

/// Runs `body` against a fresh emulator and stops it afterwards, whatever happens.
func withEmulator<T>(
    _ configure: (inout EmulatorConfiguration) -> Void = { _ in }, _ body: (EmulatorHarness) async throws -> T
) async throws -> T {
    let harness = try await EmulatorHarness.start(configure)
    do {
        let result = try await body(harness)
        await harness.stop()
        return result
    } catch {
        await harness.stop()
        throw error
    }
}

/// Retries without waiting, so fault tests run instantly.
let fastRetry = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(4), sleep: { _ in }, random: { 0.5 })

extension EmulatorHarness {
    func oauth(host: String? = nil, consumerKey: String? = nil, consumerSecret: String?? = .none, transport: HTTPTransport = .live) throws
        -> OAuthClient
    {
        let secret: String? =
            switch consumerSecret {
            case .none: credentials.consumerSecret
            case .some(let value): value
            }
        return OAuthClient(
            loginHost: try LoginHost(parsing: host ?? loginURL), consumerKey: consumerKey ?? credentials.consumerKey, consumerSecret: secret,
            transport: transport, retry: fastRetry)
    }

    func profile(_ method: AuthMethod, host: String? = nil, scopes: [String] = ConnectionProfile.defaultScopes) throws -> ConnectionProfile {
        ConnectionProfile(
            loginHost: try LoginHost(parsing: host ?? loginURL), method: method, consumerKey: credentials.consumerKey, username: credentials.username,
            scopes: scopes)
    }

    /// A username-password session (no refresh token).
    func passwordSession() async throws -> SalesforceSession {
        try await oauth().passwordGrant(username: credentials.username, password: credentials.password, securityToken: credentials.securityToken)
    }

    /// A session with a refresh token, from the device flow approved on the control surface;
    /// polling sleeps advance the emulator's clock instead of waiting.
    func deviceSession(scopes: [String] = ConnectionProfile.defaultScopes) async throws -> SalesforceSession {
        let login = DeviceLogin(scopes: scopes, timeout: .seconds(600), sleep: clockSleep)
        return try await login.run(try oauth()) { code in
            Task { try await self.approveDevice(userCode: code.userCode) }
        }
    }

    /// A client on `session` that renews with its refresh token (or not at all) into `store`.
    func client(_ session: SalesforceSession, store: (any TokenStore)? = nil, transport: HTTPTransport = .live) throws -> SalesforceClient {
        let oauth = try oauth(transport: transport)
        return SalesforceClient(
            session: session, renewal: session.refreshToken == nil ? .none : .refreshToken(oauth), tokenStore: store, transport: transport,
            retry: fastRetry)
    }
}

/// A gate a transport waits at until the test opens it (to act "between" two requests).
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let proceed = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A transport that holds requests whose URL contains `text` at `gate`.
func gated(_ gate: Gate, whenURLContains text: String) -> HTTPTransport {
    HTTPTransport { request in
        if request.url.contains(text) { await gate.wait() }
        return try await HTTPTransport.live.send(request)
    }
}

/// A transport that sends every request with another `Host` header (to reach the emulator's
/// Lightning or sandbox personas on its one port).
func hostRewriting(_ host: String) -> HTTPTransport {
    HTTPTransport { request in
        var request = request
        request.headers.replaceOrAdd(name: "Host", value: host)
        return try await HTTPTransport.live.send(request)
    }
}

/// Counts requests by URL substring.
final class RequestLog: Sendable {
    private let urls = Mutex<[String]>([])

    var transport: HTTPTransport {
        HTTPTransport { request in
            self.urls.withLock { $0.append(request.method.rawValue + " " + request.url) }
            return try await HTTPTransport.live.send(request)
        }
    }

    func count(_ text: String) -> Int { urls.withLock { $0.filter { $0.contains(text) }.count } }
}

/// The error a throwing call throws, as `SalesforceAPIError`.
func apiError(_ body: () async throws -> Void) async -> SalesforceAPIError? {
    do {
        try await body()
        return nil
    } catch let error as SalesforceAPIError {
        return error
    } catch {
        Issue.record("expected a SalesforceAPIError, got \(error)")
        return nil
    }
}
