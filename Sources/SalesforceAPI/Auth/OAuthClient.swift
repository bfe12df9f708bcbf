import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Salesforce's OAuth endpoints on the login host: every grant, the device flow's code request,
/// the authorize URL of the browser flow, and revocation.
///
/// Secrets (the consumer secret, passwords, tokens) travel only in request bodies, never in
/// URLs, and never appear in errors or logs.
public struct OAuthClient: Sendable {
    public let loginHost: LoginHost
    public let consumerKey: String
    let consumerSecret: String?
    let executor: RequestExecutor

    public init(
        loginHost: LoginHost, consumerKey: String, consumerSecret: String?, transport: HTTPTransport = .live, retry: RetryPolicy = .standard,
        logger: Logger = Logger(label: "dealdeck.salesforce")
    ) {
        self.init(
            loginHost: loginHost, consumerKey: consumerKey, consumerSecret: consumerSecret,
            executor: RequestExecutor(transport: transport, retry: retry, logger: logger))
    }

    init(loginHost: LoginHost, consumerKey: String, consumerSecret: String?, executor: RequestExecutor) {
        self.loginHost = loginHost
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret.flatMap { $0.isEmpty ? nil : $0 }
        self.executor = executor
    }

    /// Whether a consumer secret was given.
    public var hasConsumerSecret: Bool { consumerSecret != nil }

    static let tokenPath = "/services/oauth2/token"

    // MARK: Grants

    /// The username-password flow: the security token is appended to the password. Both are
    /// used for this one request and not kept.
    public func passwordGrant(username: String, password: String, securityToken: String) async throws -> SalesforceSession {
        guard let consumerSecret else { throw SalesforceAPIError.missingConsumerSecret(method: AuthMethod.password.label) }
        let response = try await token(
            [
                ("grant_type", "password"), ("client_id", consumerKey), ("client_secret", consumerSecret), ("username", username),
                ("password", password + securityToken),
            ], repeatable: true)
        return try response.session()
    }

    /// Client credentials: only on a My Domain host (Salesforce answers `request not supported
    /// on this domain` elsewhere, so Dealdeck refuses the generic hosts before asking).
    public func clientCredentialsGrant() async throws -> SalesforceSession {
        guard !loginHost.isGenericLoginHost else { throw SalesforceAPIError.clientCredentialsNeedMyDomain(host: loginHost.host) }
        guard let consumerSecret else { throw SalesforceAPIError.missingConsumerSecret(method: AuthMethod.clientCredentials.label) }
        let response = try await token(
            [("grant_type", "client_credentials"), ("client_id", consumerKey), ("client_secret", consumerSecret)], repeatable: true)
        return try response.session()
    }

    /// Trades a refresh token for a new session. With rotation the answer carries a new refresh
    /// token (and the old one is dead); without, the old one stays and is kept in the session.
    /// Never repeated after a network failure: if Salesforce rotated the token and the answer got
    /// lost, presenting the old token again would revoke the whole chain.
    public func refresh(_ refreshToken: String) async throws -> SalesforceSession {
        var fields = [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", consumerKey)]
        if let consumerSecret { fields.append(("client_secret", consumerSecret)) }
        let response = try await token(fields, repeatable: false)
        return try response.session(keepingRefreshToken: refreshToken)
    }

    /// Starts the device flow.
    public func requestDeviceCode(scopes: [String]) async throws -> DeviceCode {
        let response = try await post(
            Self.tokenPath,
            [("response_type", "device_code"), ("client_id", consumerKey), ("scope", scopes.joined(separator: " "))], repeatable: true)
        let record = try Self.successObject(response, host: loginHost.host)
        guard let deviceCode = record.string("device_code"), let userCode = record.string("user_code"),
            let uri = record.string("verification_uri")
        else { throw SalesforceAPIError.malformedResponse("the device code answer lacks device_code, user_code or verification_uri") }
        return DeviceCode(deviceCode: deviceCode, userCode: userCode, verificationURI: uri, interval: record.int("interval") ?? 5)
    }

    /// The answer to one device-flow poll.
    public enum DevicePoll: Sendable, Equatable {
        case pending
        /// Polling too fast: wait longer between polls.
        case slowDown
        case granted(SalesforceSession)
    }

    /// Polls once. Salesforce's grant is `device` with `code=`, not RFC 8628's URN.
    public func pollDevice(_ code: DeviceCode) async throws -> DevicePoll {
        var fields = [("grant_type", "device"), ("client_id", consumerKey), ("code", code.deviceCode)]
        if let consumerSecret { fields.append(("client_secret", consumerSecret)) }
        do {
            return .granted(try await token(fields, repeatable: false).session())
        } catch SalesforceAPIError.oauth(let failure) {
            switch failure.error {
            case "authorization_pending": return .pending
            case "slow_down": return .slowDown
            case "access_denied": throw SalesforceAPIError.deviceFlowDenied
            default: throw SalesforceAPIError.oauth(failure)
            }
        }
    }

    /// The browser flow's authorize URL (PKCE S256). It carries no secret, so printing it for a
    /// person on another machine (over SSH) is safe.
    public func authorizationURL(
        redirectURI: String, codeChallenge: String, state: String, scopes: [String], prompt: String?, loginHint: String?
    ) -> String {
        var fields = [
            ("response_type", "code"), ("client_id", consumerKey), ("redirect_uri", redirectURI), ("code_challenge", codeChallenge),
            ("code_challenge_method", "S256"), ("state", state), ("scope", scopes.joined(separator: " ")),
        ]
        if let prompt, !prompt.isEmpty { fields.append(("prompt", prompt)) }
        if let loginHint, !loginHint.isEmpty { fields.append(("login_hint", loginHint)) }
        return loginHost.endpoint("/services/oauth2/authorize") + "?" + FormEncoding.encode(fields)
    }

    /// Exchanges the browser flow's code (single use, so never repeated).
    public func exchangeCode(_ code: String, redirectURI: String, codeVerifier: String) async throws -> SalesforceSession {
        var fields = [
            ("grant_type", "authorization_code"), ("code", code), ("client_id", consumerKey), ("redirect_uri", redirectURI),
            ("code_verifier", codeVerifier),
        ]
        if let consumerSecret { fields.append(("client_secret", consumerSecret)) }
        return try await token(fields, repeatable: false).session()
    }

    /// Revokes a refresh token (and every session issued from it) or an access token. A token
    /// Salesforce no longer knows counts as revoked.
    public func revoke(_ token: String) async throws {
        let response = try await post("/services/oauth2/revoke", [("token", token)], repeatable: true)
        if response.isSuccess { return }
        if response.isHTML { throw SalesforceAPIError.htmlResponse(status: response.status, host: loginHost.host) }
        if let failure = Self.oauthFailure(response), failure.error == "invalid_token" || failure.error == "unsupported_token_type" { return }
        throw Self.error(for: response, host: loginHost.host)
    }

    /// `GET /services/data/` on the login host: no authentication, a quick way to see that the
    /// host is there and speaks Salesforce.
    func probe() async throws -> TransportResponse {
        let request = TransportRequest(
            method: .GET, url: loginHost.endpoint("/services/data/"), headers: ["Accept": "application/json"], timeout: .seconds(20))
        return try await executor.perform(request, repeatable: true)
    }

    // MARK: Plumbing

    func token(_ fields: [(String, String)], repeatable: Bool) async throws -> TokenResponse {
        let response = try await post(Self.tokenPath, fields, repeatable: repeatable)
        guard response.isSuccess, !response.isHTML else { throw Self.error(for: response, host: loginHost.host) }
        do {
            return try JSONDecoder().decode(TokenResponse.self, from: Data(buffer: response.body))
        } catch {
            throw SalesforceAPIError.malformedResponse("the token answer lacks access_token or instance_url")
        }
    }

    func post(_ path: String, _ fields: [(String, String)], repeatable: Bool) async throws -> TransportResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/json")
        let request = TransportRequest(
            method: .POST, url: loginHost.endpoint(path), headers: headers, body: Array(FormEncoding.encode(fields).utf8), timeout: .seconds(60))
        return try await executor.perform(request, repeatable: repeatable)
    }

    static func successObject(_ response: TransportResponse, host: String) throws -> SalesforceRecord {
        guard response.isSuccess, !response.isHTML else { throw error(for: response, host: host) }
        guard let record = try? parseObject(response.body) else {
            throw SalesforceAPIError.malformedResponse("the answer from \(host) is not a JSON object")
        }
        return record
    }

    static func parseObject(_ buffer: ByteBuffer) throws -> SalesforceRecord? {
        try buffer.withUnsafeReadableBytes { bytes in try JSONScanner.parse(bytes).recordValue }
    }

    /// `{"error","error_description"}` as JSON, or form-encoded as some revoke answers are.
    static func oauthFailure(_ response: TransportResponse) -> OAuthFailure? {
        if let record = try? parseObject(response.body), let error = record.string("error") {
            return OAuthFailure(error: error, errorDescription: record.string("error_description") ?? "", status: response.status)
        }
        let pairs = Dictionary(FormEncoding.decode(response.text), uniquingKeysWith: { first, _ in first })
        if let error = pairs["error"], !error.isEmpty, !error.contains("<") {
            return OAuthFailure(error: error, errorDescription: pairs["error_description"] ?? "", status: response.status)
        }
        return nil
    }

    static func error(for response: TransportResponse, host: String) -> SalesforceAPIError {
        if response.isHTML { return .htmlResponse(status: response.status, host: host) }
        if let failure = oauthFailure(response) { return .oauth(failure) }
        if RetryPolicy.isTransient(status: response.status) { return .serverUnavailable(status: response.status, host: host) }
        return .unexpectedStatus(status: response.status, host: host)
    }
}
