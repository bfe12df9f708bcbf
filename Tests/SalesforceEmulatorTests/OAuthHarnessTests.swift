import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// An `AuthAuthority` and `OAuthEndpoint` on a fixed emulated port, driven with plain
/// `EmulatorRequest`s: no server, no other part of the emulator.
struct OAuthHarness {
    static let loginHost = "127.0.0.1:4242"
    static let myDomainHost = "localhost:4242"
    static let sandboxHost = "test.salesforce.com"
    static let lightningHost = "dealdeck-demo.lightning.force.com"
    static let callback = "http://localhost:1717/OauthRedirect"
    /// RFC 7636 appendix B's verifier and challenge.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    let configuration: EmulatorConfiguration
    let credentials: EmulatorCredentials
    let identity: OrgIdentity
    let clock: EmulatorClock
    let urls: EmulatorURLs
    let auth: AuthAuthority
    let endpoint: OAuthEndpoint

    init(
        configure: (inout EmulatorConfiguration) -> Void = { _ in }, restoring: AuthAuthorityState? = nil,
        clock: EmulatorClock = EmulatorClock()
    ) {
        var configuration = EmulatorConfiguration()
        configure(&configuration)
        self.configuration = configuration
        credentials = EmulatorCredentials.seeded(configuration.seed)
        identity = OrgIdentity.seeded(configuration.seed, credentials: credentials)
        self.clock = clock
        urls = EmulatorURLs(host: "127.0.0.1", port: 4242)
        auth = AuthAuthority(
            configuration: configuration, credentials: credentials, identity: identity, clock: clock, urls: urls,
            restoring: restoring
        )
        endpoint = OAuthEndpoint(auth: auth)
    }

    /// The same org and clock after a restart that kept `state`.
    func restarted(with state: AuthAuthorityState?) -> OAuthHarness {
        let configuration = self.configuration
        return OAuthHarness(configure: { $0 = configuration }, restoring: state, clock: clock)
    }

    // MARK: Requests

    func send(
        _ method: String, _ path: String, query: String = "", host: String = loginHost, headers: [String: String] = [:],
        body: [UInt8] = []
    ) async -> EmulatorResponse {
        var all = headers
        all["Host"] = host
        let request = EmulatorRequest(method: method, path: path, rawQuery: query, headers: all, body: body)
        guard let response = await endpoint.respond(to: request) else {
            Issue.record("OAuthEndpoint did not claim \(method) \(path)")
            return EmulatorResponse(status: 599)
        }
        return response
    }

    func postForm(
        _ path: String, _ fields: [(String, String)], host: String = loginHost, headers: [String: String] = [:]
    ) async -> EmulatorResponse {
        var all = headers
        all["Content-Type"] = all["Content-Type"] ?? "application/x-www-form-urlencoded"
        return await send("POST", path, host: host, headers: all, body: Array(FormURLEncoding.encode(fields).utf8))
    }

    func token(_ fields: [(String, String)], host: String = loginHost, headers: [String: String] = [:]) async -> EmulatorResponse {
        await postForm("/services/oauth2/token", fields, host: host, headers: headers)
    }

    var passwordFields: [(String, String)] {
        [
            ("grant_type", "password"), ("client_id", credentials.consumerKey), ("client_secret", credentials.consumerSecret),
            ("username", credentials.username), ("password", credentials.password + credentials.securityToken),
        ]
    }

    /// Signs in with the password flow and returns the access token.
    func accessToken() async -> String {
        let response = await token(passwordFields)
        #expect(response.status == 200)
        return response.json["access_token"] as? String ?? ""
    }

    // MARK: Web-server flow

    func authorizeQuery(_ extra: [(String, String)] = [], challenge: String? = OAuthHarness.challenge) -> String {
        var fields: [(String, String)] = [
            ("response_type", "code"), ("client_id", credentials.consumerKey), ("redirect_uri", Self.callback),
            ("state", "st4te"), ("scope", "refresh_token api web"),
        ]
        if let challenge { fields.append(("code_challenge", challenge)) }
        // Extra fields replace defaults of the same name.
        let overridden = Set(extra.map(\.0))
        return FormURLEncoding.encode(fields.filter { !overridden.contains($0.0) } + extra)
    }

    func authorize(_ query: String, cookie: String? = nil, host: String = loginHost) async -> EmulatorResponse {
        await send("GET", "/services/oauth2/authorize", query: query, host: host, headers: cookie.map { ["Cookie": "sid=\($0)"] } ?? [:])
    }

    func submitLogin(ticket: String, password: String? = nil, username: String? = nil) async -> EmulatorResponse {
        await postForm(
            "/services/oauth2/authorize/login",
            [("ticket", ticket), ("username", username ?? credentials.username), ("password", password ?? credentials.password)]
        )
    }

    func decide(ticket: String, _ action: String) async -> EmulatorResponse {
        await postForm("/services/oauth2/authorize/approve", [("ticket", ticket), ("action", action)])
    }

    /// Runs authorize → login → Allow and returns the callback's parameters and the browser cookie.
    func webServerSignIn(_ extra: [(String, String)] = [], challenge: String? = OAuthHarness.challenge) async
        -> (callback: [String: String], cookie: String)
    {
        let loginPage = await authorize(authorizeQuery(extra, challenge: challenge))
        let afterLogin = await submitLogin(ticket: loginPage.ticket ?? "")
        let cookie = afterLogin.cookie ?? ""
        // After an earlier approval the login leads straight back to the callback.
        guard afterLogin.status != 302 else { return (afterLogin.callbackParameters, cookie) }
        let final = await decide(ticket: afterLogin.ticket ?? "", "allow")
        return (final.callbackParameters, cookie)
    }

    /// A web-server sign-in with `refresh_token api web`, exchanged: (access token, refresh token).
    func interactiveTokens() async -> (access: String, refresh: String) {
        let signIn = await webServerSignIn()
        let response = await exchange(code: signIn.callback["code"] ?? "")
        #expect(response.status == 200)
        return (response.json["access_token"] as? String ?? "", response.json["refresh_token"] as? String ?? "")
    }

    func refresh(_ token: String) async -> EmulatorResponse {
        await self.token([
            ("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", credentials.consumerKey),
            ("client_secret", credentials.consumerSecret),
        ])
    }

    func isValid(_ accessToken: String) -> Bool {
        if case .valid = auth.verify(authorization: "Bearer " + accessToken) { return true }
        return false
    }

    func exchange(code: String, verifier: String? = OAuthHarness.verifier, secret: Bool = false) async -> EmulatorResponse {
        var fields: [(String, String)] = [
            ("grant_type", "authorization_code"), ("code", code), ("client_id", credentials.consumerKey),
            ("redirect_uri", Self.callback),
        ]
        if let verifier { fields.append(("code_verifier", verifier)) }
        if secret { fields.append(("client_secret", credentials.consumerSecret)) }
        return await token(fields)
    }
}

extension EmulatorResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    var location: String? { header("Location") }

    /// The `sid` from `Set-Cookie`.
    var cookie: String? {
        guard let value = header("Set-Cookie"), value.hasPrefix("sid=") else { return nil }
        return value.split(separator: ";").first.map { String($0.dropFirst(4)) }
    }

    /// The hidden `ticket` field of a sign-in page.
    var ticket: String? { hiddenField("ticket") }

    func hiddenField(_ name: String) -> String? {
        let marker = "name=\"\(name)\" value=\""
        guard let start = text.range(of: marker) else { return nil }
        let rest = text[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The query of a 302 to the callback, decoded once.
    var callbackParameters: [String: String] {
        guard let location, let query = location.split(separator: "?", maxSplits: 1).last, location.contains("?") else { return [:] }
        return FormURLEncoding.decode(String(query))
    }
}

/// The shared pieces themselves: body parsing, PKCE, the signature.
@Suite struct OAuthHarnessTests {
    @Test func multipartParserReadsQuotedNamesAndCRLFFraming() {
        let body = Array(
            ("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\ndevice\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"odd;\\\"name\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nline one\r\nline two\r\n"
                + "--XyZ\r\ncontent-disposition: form-data; name=code\r\n\r\nabc=\r\n--XyZ--\r\n").utf8
        )
        let fields = MultipartFormData.fields(of: body, boundary: "XyZ")
        #expect(fields.map(\.name) == ["grant_type", "odd;\"name", "code"])
        #expect(fields.map(\.value) == ["device", "line one\r\nline two", "abc="])
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=\"a b\"") == "a b")
        #expect(MultipartFormData.boundary(fromContentType: "Multipart/Form-Data;boundary=--123") == "--123")
        #expect(MultipartFormData.boundary(fromContentType: "application/x-www-form-urlencoded") == nil)
    }

    @Test func pkceMatchesRFC7636AndRefusesTilde() {
        #expect(PKCE.s256Challenge(for: OAuthHarness.verifier) == OAuthHarness.challenge)
        #expect(PKCE.hasValidCharacters("abc-DEF_123"))
        #expect(!PKCE.hasValidCharacters("abc~def"))
        #expect(!PKCE.hasValidCharacters("abc.def"))
        #expect(!PKCE.hasValidCharacters(""))
    }

    /// RFC 4231 test case 2, so the signature is HMAC-SHA256 and not merely self-consistent.
    @Test func signatureIsBase64HMACSHA256OfIdPlusIssuedAt() {
        let vector = Data(base64Encoded: IssuedToken.hmacBase64(message: "what do ya want for nothing?", key: "Jefe")) ?? Data()
        #expect(vector.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let signature = IssuedToken.signature(
            identityURL: "http://h/id/A/B", issuedAt: SalesforceTimestamp(millisecondsSinceEpoch: 1234), consumerSecret: "k"
        )
        #expect(signature == IssuedToken.hmacBase64(message: "http://h/id/A/B1234", key: "k"))
        #expect(signature.count == 44)
    }

    @Test func parametersMergeBodyOverQueryAndTreatBlankAsAbsent() {
        let request = EmulatorRequest(
            method: "POST", path: "/services/oauth2/token", rawQuery: "grant_type=password&format=json",
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"],
            body: Array("grant_type=device&client_secret=&password=a%26b%2Bc%25d+e&grant_type=ignored".utf8)
        )
        let parameters = OAuthRequestParameters(request: request)
        #expect(parameters["grant_type"] == "device")
        #expect(parameters["format"] == "json")
        #expect(parameters["client_secret"] == nil)
        #expect(parameters["password"] == "a&b+c%d e")
    }

    @Test func basicAuthorizationCarriesTheClient() {
        let parameters = OAuthRequestParameters(values: [:])
        let header = "Basic " + Data("key.1:se:cret".utf8).base64EncodedString()
        #expect(parameters.clientAuthentication(authorization: header) == OAuthClientAuthentication(id: "key.1", secret: "se:cret"))
        #expect(parameters.clientAuthentication(authorization: "Basic !!!") == OAuthClientAuthentication(id: nil, secret: nil))
        let body = OAuthRequestParameters(values: ["client_id": "body", "client_secret": "s"])
        #expect(body.clientAuthentication(authorization: header) == OAuthClientAuthentication(id: "body", secret: "s"))
    }

    @Test func htmlEscapingCoversAttributeAndTextContexts() {
        #expect(HTMLText.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    @Test func endpointIgnoresPathsItDoesNotOwn() async {
        let harness = OAuthHarness()
        let request = EmulatorRequest(method: "GET", path: "/services/data/v62.0/query", headers: ["Host": OAuthHarness.loginHost])
        #expect(await harness.endpoint.respond(to: request) == nil)
        let other = EmulatorRequest(method: "GET", path: "/services/oauth2/unknown", headers: ["Host": OAuthHarness.loginHost])
        #expect(await harness.endpoint.respond(to: other) == nil)
    }
}
