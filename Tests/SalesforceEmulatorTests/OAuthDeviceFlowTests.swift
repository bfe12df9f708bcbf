import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The device flow: `response_type=device_code`, polling with `grant_type=device`, and the
/// `/setup/connect` pages.
@Suite struct OAuthDeviceFlowTests {
    typealias Grants = OAuthTokenGrantTests

    /// Requests codes the way the sf CLI does: multipart, no secret.
    static func requestCodes(_ harness: OAuthHarness, scope: String = "refresh_token api web") async -> (device: String, user: String) {
        let boundary = "--------------------------517171717171717171717171"
        let fields = [("response_type", "device_code"), ("client_id", harness.credentials.consumerKey), ("scope", scope)]
        var body = ""
        for (name, value) in fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        body += "--\(boundary)--\r\n"
        let response = await harness.send(
            "POST", "/services/oauth2/token", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: Array(body.utf8)
        )
        #expect(response.status == 200)
        return (response.json["device_code"] as? String ?? "", response.json["user_code"] as? String ?? "")
    }

    static func poll(_ harness: OAuthHarness, _ deviceCode: String, secret: String? = nil) async -> EmulatorResponse {
        var fields = [("grant_type", "device"), ("client_id", harness.credentials.consumerKey), ("code", deviceCode)]
        if let secret { fields.append(("client_secret", secret)) }
        return await harness.token(fields)
    }

    @Test func codeRequestHasSalesforcesShape() async {
        let harness = OAuthHarness()
        let response = await harness.token([("response_type", "device_code"), ("client_id", harness.credentials.consumerKey), ("format", "json")])
        #expect(response.status == 200)
        let json = response.json
        #expect(Set(json.keys) == ["device_code", "user_code", "verification_uri", "interval"])
        #expect(json["verification_uri"] as? String == "http://localhost:4242/setup/connect")
        #expect(json["interval"] as? Int == 5)
        let userCode = json["user_code"] as? String ?? ""
        #expect(userCode.count == 8 && userCode.allSatisfy { ($0.isUppercase || $0.isNumber) && $0.isASCII })
        Grants.expectError(
            await harness.token([("response_type", "device_code"), ("client_id", "nope")]), "invalid_client_id", "client identifier invalid"
        )
        Grants.expectError(
            await harness.token([("response_type", "device_code"), ("client_id", harness.credentials.consumerKey), ("scope", "nope")]),
            "invalid_scope", "requested scope is invalid, unknown, or malformed"
        )
    }

    @Test func pollingIsPendingThenSlowDownThenSucceedsOnce() async {
        let harness = OAuthHarness()
        let codes = await Self.requestCodes(harness)
        Grants.expectError(await Self.poll(harness, codes.device), "authorization_pending", "authorization pending")
        Grants.expectError(await Self.poll(harness, codes.device), "slow_down", "polling too frequently")
        harness.clock.advance(seconds: 5)
        Grants.expectError(await Self.poll(harness, codes.device), "authorization_pending", "authorization pending")
        #expect(!harness.auth.approveDevice(userCode: "ZZZZZZZZ"))
        #expect(harness.auth.approveDevice(userCode: codes.user.lowercased()))
        harness.clock.advance(seconds: 5)
        let success = await Self.poll(harness, codes.device)
        Grants.expectSuccess(success, harness, user: harness.identity.apiUser, refresh: true, scope: "refresh_token api web")
        harness.clock.advance(seconds: 5)
        Grants.expectError(await Self.poll(harness, codes.device), "invalid_grant", "invalid device code")
        #expect(!harness.auth.approveDevice(userCode: codes.user))
    }

    @Test func deniedRequestsAnswerAccessDenied() async {
        let harness = OAuthHarness()
        let codes = await Self.requestCodes(harness)
        #expect(harness.auth.denyDevice(userCode: codes.user))
        Grants.expectError(await Self.poll(harness, codes.device), "access_denied", "end-user denied authorization")
        #expect(!harness.auth.approveDevice(userCode: codes.user))
    }

    @Test func codesExpireAfterTenMinutes() async {
        let harness = OAuthHarness()
        let codes = await Self.requestCodes(harness)
        harness.clock.advance(seconds: 600)
        #expect(!harness.auth.approveDevice(userCode: codes.user))
        Grants.expectError(await Self.poll(harness, codes.device), "invalid_grant", "expired device code")
    }

    @Test func secretIsOptionalButMustBeRight() async {
        let harness = OAuthHarness()
        let codes = await Self.requestCodes(harness, scope: "api")
        Grants.expectError(await Self.poll(harness, codes.device, secret: "wrong"), "invalid_client", "invalid client credentials")
        _ = harness.auth.approveDevice(userCode: codes.user)
        let success = await Self.poll(harness, codes.device, secret: harness.credentials.consumerSecret)
        // Without refresh_token/offline_access there is no refresh token.
        Grants.expectSuccess(success, harness, user: harness.identity.apiUser, refresh: false, scope: "api")
    }

    @Test func connectPagesApproveTheDevice() async {
        let harness = OAuthHarness()
        let codes = await Self.requestCodes(harness)
        let entry = await harness.send("GET", "/setup/connect", host: OAuthHarness.myDomainHost)
        #expect(entry.status == 200 && entry.text.contains("<form id=\"connect\""))
        #expect(entry.text.contains("name=\"user_code\""))

        let wrong = await harness.postForm("/setup/connect", [("user_code", "NOPE1234")], host: OAuthHarness.myDomainHost)
        #expect(wrong.text.contains("id=\"error\"") && wrong.text.contains("form id=\"connect\""))

        // People type codes with dashes and in lower case.
        let typed = String(codes.user.prefix(4)).lowercased() + "-" + String(codes.user.suffix(4))
        let login = await harness.postForm("/setup/connect", [("user_code", typed)], host: OAuthHarness.myDomainHost)
        #expect(login.text.contains("form id=\"login\""))
        let approval = await harness.submitLogin(ticket: login.ticket ?? "")
        #expect(approval.text.contains("form id=\"approval\"") && approval.text.contains("A device is requesting access"))
        Grants.expectError(await Self.poll(harness, codes.device), "authorization_pending", "authorization pending")
        let done = await harness.decide(ticket: approval.ticket ?? "", "allow")
        #expect(done.status == 200 && done.text.contains("You're connected!"))
        harness.clock.advance(seconds: 5)
        #expect(await Self.poll(harness, codes.device).status == 200)

        // A signed-in browser goes straight to the approval page; prompt=login forces the form.
        let second = await Self.requestCodes(harness)
        let cookie = ["Cookie": "sid=\(approval.cookie ?? "")"]
        let direct = await harness.send("GET", "/setup/connect", query: "user_code=\(second.user)", headers: cookie)
        #expect(direct.text.contains("form id=\"approval\""))
        let forced = await harness.send("GET", "/setup/connect", query: "user_code=\(second.user)&prompt=login", headers: cookie)
        #expect(forced.text.contains("form id=\"login\""))
        let denied = await harness.decide(ticket: direct.ticket ?? "", "deny")
        #expect(denied.text.contains("Access denied"))
        Grants.expectError(await Self.poll(harness, second.device), "access_denied", "end-user denied authorization")
    }
}
