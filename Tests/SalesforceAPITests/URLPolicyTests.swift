import Foundation
import Testing

@testable import SalesforceAPI

@Suite("URL policy: https everywhere, http only on loopback")
struct URLPolicyTests {
    @Test func loginHostsAreRecognised() throws {
        #expect(try LoginHost(parsing: "https://login.salesforce.com").kind == .production)
        #expect(try LoginHost(parsing: "test.salesforce.com").kind == .sandbox)
        #expect(try LoginHost(parsing: "https://acme.my.salesforce.com/").kind == .myDomain)
        #expect(try LoginHost(parsing: "https://acme.my.salesforce.com/some/path?x=1").url == "https://acme.my.salesforce.com")
        #expect(try LoginHost(parsing: "https://acme--uat.sandbox.my.salesforce.com").isSandbox)
        #expect(try LoginHost(parsing: "http://127.0.0.1:8080").url == "http://127.0.0.1:8080")
        #expect(try LoginHost(parsing: "http://localhost:9").kind == .other)
    }

    @Test func plainHTTPToOtherHostsIsRefused() {
        for url in [
            "http://login.salesforce.com", "http://acme.my.salesforce.com", "http://10.0.0.1", "http://128.0.0.1", "http://localhost.evil.com",
        ] {
            #expect(throws: SalesforceAPIError.self) { try LoginHost(parsing: url) }
        }
        for url in ["http://127.0.0.1", "http://127.1.2.3:5", "http://localhost:1717", "http://[::1]:8080", "https://example.com"] {
            #expect(throws: Never.self) { try EndpointSecurity.check(url) }
        }
        #expect(throws: SalesforceAPIError.insecureURL("example.com")) { try EndpointSecurity.check("http://example.com/services/data") }
        #expect(throws: SalesforceAPIError.self) { try EndpointSecurity.check("ftp://example.com") }
    }

    @Test func lightningAddressesAreRefusedWithTheMyDomainToUse() {
        #expect(throws: SalesforceAPIError.lightningURL(given: "https://acme.lightning.force.com", suggested: "https://acme.my.salesforce.com")) {
            try LoginHost(parsing: "https://acme.lightning.force.com")
        }
        #expect(
            throws: SalesforceAPIError.lightningURL(
                given: "acme--uat.sandbox.lightning.force.com", suggested: "https://acme--uat.sandbox.my.salesforce.com")
        ) {
            try LoginHost(parsing: "acme--uat.sandbox.lightning.force.com")
        }
    }

    @Test func aClientNeverSendsTokensOverPlainHTTPToARemoteHost() async {
        // A session whose instance URL is plain http to a remote host (as a tampered token
        // response might say): the request is refused before anything is sent.
        let sent = RequestLog()
        let client = SalesforceClient(
            session: SalesforceSession(accessToken: "token", instanceURL: "http://evil.example.com"), transport: sent.transport, retry: fastRetry)
        let error = await apiError { _ = try await client.count("SELECT COUNT() FROM Opportunity") }
        #expect(error == .insecureURL("evil.example.com"))
        #expect(error?.category == .configuration)
        #expect(sent.count("evil") == 0)
    }

    @Test func clientCredentialsAreRefusedOnGenericLoginHostsWithoutAsking() async throws {
        let sent = RequestLog()
        let oauth = OAuthClient(loginHost: .production, consumerKey: "key", consumerSecret: "secret", transport: sent.transport, retry: fastRetry)
        let error = await apiError { _ = try await oauth.clientCredentialsGrant() }
        #expect(error == .clientCredentialsNeedMyDomain(host: "login.salesforce.com"))
        #expect(error?.description.contains("My Domain") == true)
        #expect(sent.count("salesforce.com") == 0)
    }

    @Test func errorMessagesAreOneSentenceWithAFix() {
        let samples: [SalesforceAPIError] = [
            .oauth(OAuthFailure(error: "invalid_client_id", errorDescription: "client identifier invalid")),
            .apiDisabledForOrg("The REST API is not enabled for this Organization."), .requestLimitExceeded("TotalRequests Limit exceeded."),
            .network(host: "login.salesforce.com", reason: "the host name could not be resolved"), .htmlResponse(status: 200, host: "x"),
        ]
        for error in samples {
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasSuffix("."))
        }
        #expect(SalesforceAPIError.apiDisabledForOrg("x").description.contains("Professional"))
    }
}
