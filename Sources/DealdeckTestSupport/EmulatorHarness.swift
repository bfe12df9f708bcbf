import AsyncHTTPClient
import DealdeckCore
import Foundation
import NIOCore
import NIOHTTP1
import SalesforceEmulator

/// The Salesforce emulator started in-process on a free loopback port for one test, with
/// helpers to drive its control surface (`/__emulator/…`) over HTTP, to sign in by plain HTTP,
/// and to play the browser through its sign-in pages.
///
/// Everything goes over real HTTP, as a client would; nothing reaches into the emulator's
/// internals, so tests exercise the same wire the product uses.
public final class EmulatorHarness: Sendable {
    public let emulator: RunningEmulator

    private init(emulator: RunningEmulator) {
        self.emulator = emulator
    }

    /// Starts an emulator on a free port with a small org (300 generated opportunities, a few of
    /// them already in the recycle bin) so tests start fast; `configure` adjusts it.
    public static func start(_ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> EmulatorHarness {
        var configuration = EmulatorConfiguration()
        configuration.port = 0
        configuration.opportunities = 300
        configure(&configuration)
        return EmulatorHarness(emulator: try await SalesforceEmulator.start(configuration))
    }

    public func stop() async {
        await emulator.stop()
    }

    /// `http://127.0.0.1:PORT`: the production login host.
    public var loginURL: String { emulator.urls.loginURL }
    /// `http://localhost:PORT`: the org's My Domain and `instance_url`.
    public var myDomainURL: String { emulator.urls.myDomainURL }
    public var credentials: EmulatorCredentials { emulator.credentials }
    public var port: Int { Int(loginURL.split(separator: ":").last ?? "0") ?? 0 }

    // MARK: Plain HTTP

    /// An HTTP answer with the body collected.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// Every value of a header.
        public func headers(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    /// A client that never follows redirects, so a test sees each 302 of the sign-in pages.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public static func request(
        _ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: Duration = .seconds(30)
    ) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Response(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(collected.readableBytesView))
    }

    /// A form POST.
    public static func postForm(_ url: String, _ fields: [(String, String)], headers: [(String, String)] = []) async throws -> Response {
        try await request(
            "POST", url, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers, body: Array(formEncode(fields).utf8))
    }

    static func formEncode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name) + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
    }

    // MARK: Control surface

    /// Calls `/__emulator/<path>` with an optional JSON body; throws unless it answers 2xx.
    @discardableResult
    public func control(_ method: String, _ path: String, json: String? = nil) async throws -> Response {
        let response = try await Self.request(
            method, loginURL + "/__emulator/" + path, headers: json == nil ? [] : [("Content-Type", "application/json")],
            body: json.map { Array($0.utf8) })
        guard (200..<300).contains(response.status) else {
            throw HarnessError("control \(method) \(path) answered \(response.status): \(response.text)")
        }
        return response
    }

    /// Ends every session: each access token now gets 401 `INVALID_SESSION_ID`.
    public func expireSessions() async throws { try await control("POST", "sessions/expire") }

    /// Revokes every refresh token.
    public func revokeRefreshTokens() async throws { try await control("POST", "refresh-tokens/revoke") }

    /// Blocks (or allows) the username-password flow.
    public func setUsernamePasswordFlowBlocked(_ blocked: Bool) async throws {
        try await control("POST", "auth/username-password-flow", json: "{\"blocked\":\(blocked)}")
    }

    public func approveDevice(userCode: String) async throws {
        try await control("POST", "auth/device/approve", json: "{\"userCode\":\"\(userCode)\"}")
    }

    public func denyDevice(userCode: String) async throws {
        try await control("POST", "auth/device/deny", json: "{\"userCode\":\"\(userCode)\"}")
    }

    public func setUserActive(username: String, active: Bool) async throws {
        try await control("POST", "users/active", json: "{\"username\":\"\(username)\",\"active\":\(active)}")
    }

    /// Queues a fault for `/services/data` requests (kinds: serverUnavailable, html500, html503,
    /// invalidSession, requestLimitExceeded, concurrentRequestLimitExceeded, queryTimeout,
    /// apiDisabled, slow, truncated).
    public func addFault(_ kind: String, count: Int = 1, after: Int = 0, pathContains: String? = nil, truncateAfterBytes: Int = 8) async throws {
        var json = "{\"kind\":\"\(kind)\",\"count\":\(count),\"after\":\(after),\"truncateAfterBytes\":\(truncateAfterBytes)"
        if let pathContains { json += ",\"pathContains\":\"\(pathContains)\"" }
        try await control("POST", "faults", json: json + "}")
    }

    public func clearFaults() async throws { try await control("DELETE", "faults") }

    /// Live and recycle-bin opportunity counts (the seeded org starts with a few deleted ones).
    public func opportunityCounts() async throws -> (live: Int, deleted: Int) {
        let stats = try await control("GET", "stats")
        guard let object = try JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: Any],
            let opportunities = object["opportunities"] as? [String: Any], let live = opportunities["live"] as? Int,
            let deleted = opportunities["deleted"] as? Int
        else { throw HarnessError("unexpected stats: \(stats.text)") }
        return (live, deleted)
    }

    /// Moves the org's clock forward (session expiry, device-code polling intervals).
    public func advanceClock(seconds: Double) async throws {
        try await control("POST", "clock/advance", json: "{\"seconds\":\(seconds)}")
    }

    /// A `sleep` for code under test that advances the emulator's clock instead of waiting, so
    /// polling loops (device flow) run instantly while the emulator sees time pass.
    public var clockSleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            try await self.advanceClock(seconds: seconds)
        }
    }

    // MARK: Signing in by hand

    /// The fields of a token answer.
    public struct Tokens: Sendable {
        public var accessToken: String
        public var refreshToken: String?
        public var instanceURL: String
    }

    /// The username-password grant with the emulator's own credentials.
    public func passwordTokens() async throws -> Tokens {
        let response = try await Self.postForm(
            loginURL + "/services/oauth2/token",
            [
                ("grant_type", "password"), ("client_id", credentials.consumerKey), ("client_secret", credentials.consumerSecret),
                ("username", credentials.username), ("password", credentials.password + credentials.securityToken),
            ])
        guard response.status == 200, let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let access = object["access_token"] as? String, let instance = object["instance_url"] as? String
        else { throw HarnessError("password sign-in failed: HTTP \(response.status)") }
        return Tokens(accessToken: access, refreshToken: object["refresh_token"] as? String, instanceURL: instance)
    }

    /// Renames the first opportunity by name through the REST API (a PATCH, as an edit in
    /// Salesforce makes it); returns its ID.
    public func renameFirstOpportunity(to name: String) async throws -> SalesforceID {
        let tokens = try await passwordTokens()
        let bearer = [("Authorization", "Bearer " + tokens.accessToken)]
        let query = try await Self.request(
            "GET", tokens.instanceURL + "/services/data/v62.0/query?q=SELECT+Id+FROM+Opportunity+ORDER+BY+Name+LIMIT+1", headers: bearer)
        let object = try JSONSerialization.jsonObject(with: Data(query.body)) as? [String: Any]
        let records = object?["records"] as? [[String: Any]]
        guard let id = (records?.first?["Id"] as? String).flatMap({ SalesforceID($0) }) else {
            throw HarnessError("the org has no opportunity to rename: \(query.text)")
        }
        var body: [String: String] = [:]
        body["Name"] = name
        let patch = try await Self.request(
            "PATCH", tokens.instanceURL + "/services/data/v62.0/sobjects/Opportunity/" + id.rawValue,
            headers: bearer + [("Content-Type", "application/json")], body: Array(try JSONEncoder().encode(body)))
        guard patch.status == 204 else { throw HarnessError("renaming \(id.rawValue) answered \(patch.status): \(patch.text)") }
        return id
    }

    /// Plays a person in a browser: opens `authorizeURL`, logs in on the login form, presses
    /// Allow (or Deny) and returns the callback URL Salesforce redirects to, without visiting it.
    public func playBrowser(authorizeURL: String, username: String? = nil, password: String? = nil, allow: Bool = true) async throws -> String {
        guard let components = URLComponents(string: authorizeURL), let scheme = components.scheme, let host = components.host else {
            throw HarnessError("not a URL: \(authorizeURL)")
        }
        let origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        var page = try await Self.request("GET", authorizeURL)
        var cookie: String?
        if page.status == 302, let location = page.header("location") { return location }
        if page.text.contains("id=\"login\"") {
            let ticket = try Self.ticket(in: page.text)
            page = try await Self.postForm(
                origin + "/services/oauth2/authorize/login",
                [("ticket", ticket), ("username", username ?? credentials.username), ("password", password ?? credentials.password)])
            cookie = page.header("set-cookie").flatMap { $0.split(separator: ";").first.map(String.init) }
            if page.status == 302, let location = page.header("location") { return location }
        }
        guard page.text.contains("id=\"approval\"") else {
            throw HarnessError("expected the approval page, got HTTP \(page.status): \(page.text.prefix(300))")
        }
        let ticket = try Self.ticket(in: page.text)
        let decided = try await Self.postForm(
            origin + "/services/oauth2/authorize/approve", [("ticket", ticket), ("action", allow ? "allow" : "deny")],
            headers: cookie.map { [("Cookie", $0)] } ?? [])
        guard decided.status == 302, let location = decided.header("location") else {
            throw HarnessError("expected a redirect to the callback, got HTTP \(decided.status): \(decided.text.prefix(300))")
        }
        return location
    }

    /// Enters a device code at `/setup/connect`, logs in and presses Allow, as a person would.
    public func approveDeviceInBrowser(userCode: String) async throws {
        var page = try await Self.request("GET", myDomainURL + "/setup/connect?user_code=" + userCode)
        if page.text.contains("id=\"login\"") {
            let ticket = try Self.ticket(in: page.text)
            page = try await Self.postForm(
                myDomainURL + "/services/oauth2/authorize/login",
                [("ticket", ticket), ("username", credentials.username), ("password", credentials.password)])
        }
        let ticket = try Self.ticket(in: page.text)
        let done = try await Self.postForm(myDomainURL + "/services/oauth2/authorize/approve", [("ticket", ticket), ("action", "allow")])
        guard done.text.contains("id=\"result\"") else { throw HarnessError("the device approval did not finish: HTTP \(done.status)") }
    }

    static func ticket(in html: String) throws -> String {
        guard let range = html.range(of: "name=\"ticket\" value=\"") else { throw HarnessError("no ticket on the page: \(html.prefix(300))") }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { throw HarnessError("unterminated ticket") }
        return String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// A test-support failure, with what went wrong.
public struct HarnessError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
