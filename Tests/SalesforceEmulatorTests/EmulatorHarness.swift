import AsyncHTTPClient
import DealdeckCore
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing

@testable import SalesforceEmulator

/// One HTTP answer from the emulator, with helpers to read it.
struct HTTPResult: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body parsed with Foundation (for values).
    var json: Any { (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) ?? NSNull() }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    /// The body parsed keeping key order and number text (for golden shape checks).
    var ordered: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    /// `(errorCode, message)` of a Salesforce error array body.
    var error: (code: String, message: String)? {
        guard let first = array.first, let code = first["errorCode"] as? String else { return nil }
        return (code, first["message"] as? String ?? "")
    }

    var records: [[String: Any]] { object["records"] as? [[String: Any]] ?? [] }
}

/// The emulator started for real on a loopback port, signed in with the password grant,
/// and spoken to over HTTP with AsyncHTTPClient.
struct RESTHarness: Sendable {
    let emulator: RunningEmulator
    let token: String
    var services: EmulatorServices { emulator.services }
    var base: String { emulator.urls.url }
    /// `/services/data/v62.0`
    static let api = "/services/data/v62.0"

    /// Starts an emulator (2,000 opportunities unless configured), runs `body`, stops it.
    static func with<T>(
        _ configure: (inout EmulatorConfiguration) -> Void = { _ in }, _ body: (RESTHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(configure)
        do {
            let result = try await body(harness)
            await harness.emulator.stop()
            return result
        } catch {
            await harness.emulator.stop()
            throw error
        }
    }

    static func start(_ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> RESTHarness {
        var configuration = EmulatorConfiguration()
        configuration.port = 0
        configure(&configuration)
        var logger = Logger(label: "emulator-test")
        logger.logLevel = .error
        let emulator = try await SalesforceEmulator.start(configuration, logger: logger)
        let token = try await signIn(emulator)
        return RESTHarness(emulator: emulator, token: token)
    }

    /// The password grant, as a real client does it; returns the access token.
    static func signIn(_ emulator: RunningEmulator) async throws -> String {
        let credentials = emulator.credentials
        let form = FormURLEncoding.encode([
            ("grant_type", "password"), ("client_id", credentials.consumerKey), ("client_secret", credentials.consumerSecret),
            ("username", credentials.username), ("password", credentials.password + credentials.securityToken),
        ])
        let result = try await send(
            "POST", emulator.urls.url + "/services/oauth2/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(form.utf8))
        guard result.status == 200, let token = result.object["access_token"] as? String else {
            throw HarnessError.signInFailed(result.text)
        }
        return token
    }

    enum HarnessError: Error { case signInFailed(String) }

    /// A fresh session token (a second sign-in).
    func newSession() async throws -> String { try await Self.signIn(emulator) }

    // MARK: Requests

    static func send(_ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 256 << 20)
        return HTTPResult(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: collected))
    }

    /// A data call with the harness session (or `token`), `path` relative to the server.
    @discardableResult
    func call(_ method: String, _ path: String, headers: [(String, String)] = [], json: String? = nil, token: String? = nil) async throws -> HTTPResult {
        var all = headers
        if let token = token ?? self.token as String?, !token.isEmpty { all.append(("Authorization", "Bearer " + token)) }
        if json != nil { all.append(("Content-Type", "application/json")) }
        return try await Self.send(method, base + path, headers: all, body: json.map { Array($0.utf8) })
    }

    func get(_ path: String, headers: [(String, String)] = [], token: String? = nil) async throws -> HTTPResult {
        try await call("GET", path, headers: headers, token: token)
    }

    /// `GET /query?q=` (or queryAll), optionally with a batch size header.
    func query(_ soql: String, all: Bool = false, batchSize: Int? = nil, token: String? = nil) async throws -> HTTPResult {
        let headers = batchSize.map { [("Sforce-Query-Options", "batchSize=\($0)")] } ?? []
        let path = Self.api + (all ? "/queryAll" : "/query") + "?q=" + FormURLEncoding.percentEncode(soql)
        return try await get(path, headers: headers, token: token)
    }

    /// Follows `nextRecordsUrl` to the end; returns every page.
    func queryPages(_ soql: String, all: Bool = false, batchSize: Int? = nil) async throws -> [HTTPResult] {
        var pages = [try await query(soql, all: all, batchSize: batchSize)]
        while let next = pages.last?.object["nextRecordsUrl"] as? String {
            pages.append(try await get(next))
        }
        return pages
    }

    /// A control-surface call (no session).
    @discardableResult
    func control(_ method: String, _ path: String, _ json: String? = nil) async throws -> HTTPResult {
        try await Self.send(
            method, base + "/__emulator/" + path, headers: json == nil ? [] : [("Content-Type", "application/json")],
            body: json.map { Array($0.utf8) })
    }

    /// The org's current time.
    var now: SalesforceTimestamp { services.clock.now() }
}

extension SalesforceTimestamp {
    /// A URL-safe SOQL / query-parameter literal (`Z`, no `+`).
    var zulu: String { soqlLiteral }
}
