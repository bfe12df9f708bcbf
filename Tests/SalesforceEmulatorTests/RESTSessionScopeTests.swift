import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// A session without the `api` scope (a web-only token) is refused by REST with Salesforce's
/// "not valid for use with the REST API" 401, which clients must not answer by refreshing.
@Suite struct RESTSessionScopeTests {
    @Test func webOnlySessionIsRefusedWithTheRESTMessage() async {
        let harness = OAuthHarness()
        var configuration = harness.configuration
        configuration.opportunities = 50
        let services = EmulatorServices(
            configuration: configuration, credentials: harness.credentials, identity: harness.identity, clock: harness.clock,
            auth: harness.auth,
            org: OrgStore(configuration: configuration, identity: harness.identity, clock: harness.clock, stored: nil),
            usage: APIUsageMeter(dailyLimit: 100, clock: harness.clock), faults: FaultInjector(), urls: harness.urls)
        let endpoint = RESTEndpoint(services: services)
        let signIn = await harness.webServerSignIn([("scope", "web refresh_token")])
        let exchanged = await harness.exchange(code: signIn.callback["code"] ?? "")
        let token = exchanged.json["access_token"] as? String ?? ""
        let request = EmulatorRequest(
            method: "GET", path: "/services/data/v62.0/limits", headers: ["Host": OAuthHarness.myDomainHost, "Authorization": "Bearer " + token])
        let response = await endpoint.respond(to: request)
        #expect(response?.status == 401)
        #expect(response.map { String(decoding: $0.body, as: UTF8.self) }
            == #"[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]"#)
        #expect(services.usage.usage.used == 0)
    }
}

/// `EXCEEDED_ID_LIMIT`, with the endpoint's limit lowered instead of a 600,000-record org.
@Suite struct RESTReplicationLimitTests {
    @Test func tooManyIDsIsExceededIDLimit() async throws {
        try await RESTHarness.with({ $0.opportunities = 300 }) { harness in
            var endpoint = RESTEndpoint(services: harness.services)
            endpoint.replicationIDLimit = 5
            try await harness.control("POST", "opportunities/touch", #"{"count":6}"#)
            try await harness.control("POST", "clock/advance", #"{"seconds":120}"#)
            let now = harness.now
            let start = now.adding(milliseconds: -86_400_000)
            let request = EmulatorRequest(
                method: "GET", path: "/services/data/v62.0/sobjects/Opportunity/updated/", rawQuery: "start=\(start.zulu)&end=\(now.zulu)",
                headers: ["Host": "localhost", "Authorization": "Bearer " + harness.token])
            let response = await endpoint.respond(to: request)
            #expect(response?.status == 400)
            #expect(response.map { String(decoding: $0.body, as: UTF8.self) }?.contains("EXCEEDED_ID_LIMIT") == true)
        }
    }
}
