import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceAPI
import SalesforceEmulator
import Synchronization
import Testing

@Suite("Session renewal: refresh, rotation, revocation, paging")
struct SessionRenewalTests {
    @Test func refreshWithoutRotationKeepsTheRefreshToken() async throws {
        try await withEmulator { harness in
            let session = try await harness.deviceSession()
            let store = MemoryTokenStore()
            let client = try harness.client(session, store: store)
            let live = try await harness.opportunityCounts().live
            try await harness.expireSessions()
            #expect(try await client.count("SELECT COUNT() FROM Opportunity") == live)
            #expect(store.storeCount == 1)
            let renewed = try #require(store.session)
            #expect(renewed.refreshToken == session.refreshToken)
            #expect(renewed.accessToken != session.accessToken)
            #expect(await client.currentSession == renewed)
        }
    }

    @Test func rotatedRefreshTokenIsStoredBeforeUse() async throws {
        try await withEmulator({ $0.rotateRefreshTokens = true }) { harness in
            let session = try await harness.deviceSession()
            // The store checks, at the moment of storing, that the new token has not been used yet.
            let log = RequestLog()
            let store = OrderCheckingStore(log: log)
            let client = try harness.client(session, store: store, transport: log.transport)
            try await harness.expireSessions()
            _ = try await client.count("SELECT COUNT() FROM Opportunity")
            let renewed = try #require(store.stored.withLock { $0.last })
            #expect(renewed.refreshToken != nil && renewed.refreshToken != session.refreshToken)
            #expect(store.requestsBeforeStore.withLock { $0 } == [1])
            // The old refresh token is dead now.
            let reuse = await apiError { _ = try await harness.oauth().refresh(try #require(session.refreshToken)) }
            #expect(reuse?.category == .signInNeeded)
        }
    }

    @Test func concurrentExpiriesShareOneRenewal() async throws {
        try await withEmulator({ $0.rotateRefreshTokens = true }) { harness in
            let store = MemoryTokenStore()
            let client = try harness.client(try await harness.deviceSession(), store: store)
            let live = try await harness.opportunityCounts().live
            try await harness.expireSessions()
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await client.count("SELECT COUNT() FROM Opportunity") } }
                for try await count in group { #expect(count == live) }
            }
            #expect(store.storeCount == 1, "with rotation a second refresh would have revoked the chain")
        }
    }

    @Test func revokedRefreshTokenAsksForSignIn() async throws {
        try await withEmulator { harness in
            let store = MemoryTokenStore()
            let client = try harness.client(try await harness.deviceSession(), store: store)
            try await harness.revokeRefreshTokens()
            try await harness.expireSessions()
            let error = await apiError { _ = try await client.count("SELECT COUNT() FROM Opportunity") }
            #expect(error == .oauth(OAuthFailure(error: "invalid_grant", errorDescription: "expired access/refresh token")))
            #expect(error?.category == .signInNeeded)
            #expect(error?.syncFailure.reason == .signInNeeded)
            #expect(error?.description.contains("dealdeck login") == true)
            #expect(store.storeCount == 0)
        }
    }

    @Test func passwordSessionRenewsOnlyWithAPasswordSource() async throws {
        try await withEmulator { harness in
            let session = try await harness.passwordSession()
            let stuck = try harness.client(session)
            try await harness.expireSessions()
            #expect(await apiError { _ = try await stuck.identity() } == .sessionExpired)

            let profile = try harness.profile(.password)
            let calls = Mutex(0)
            let secret = harness.credentials.password + harness.credentials.securityToken
            let client = SalesforceConnection.client(
                profile: profile, session: session, consumerSecret: harness.credentials.consumerSecret, tokenStore: nil,
                passwordSource: {
                    calls.withLock { $0 += 1 }
                    return secret
                }, retry: fastRetry)
            #expect(try await client.identity().username == harness.credentials.username)
            #expect(calls.withLock { $0 } == 1)
        }
    }

    @Test func clientCredentialsRenewWithTheSecret() async throws {
        try await withEmulator { harness in
            let profile = try harness.profile(.clientCredentials, host: harness.myDomainURL)
            let session = try await harness.oauth(host: harness.myDomainURL).clientCredentialsGrant()
            let client = SalesforceConnection.client(
                profile: profile, session: session, consumerSecret: harness.credentials.consumerSecret, tokenStore: nil, retry: fastRetry)
            let live = try await harness.opportunityCounts().live
            try await harness.expireSessions()
            #expect(try await client.count("SELECT COUNT() FROM Opportunity") == live)
        }
    }

    @Test func sessionWithoutAPIScopeIsNotRefreshed() async throws {
        try await withEmulator { harness in
            let store = MemoryTokenStore()
            let client = try harness.client(try await harness.deviceSession(scopes: ["refresh_token", "id"]), store: store)
            let error = await apiError { _ = try await client.count("SELECT COUNT() FROM Opportunity") }
            guard case .sessionNotValidForREST = error else {
                Issue.record("expected sessionNotValidForREST, got \(String(describing: error))")
                return
            }
            #expect(store.storeCount == 0, "refreshing cannot add a scope, so it must not be tried")
        }
    }

    @Test(arguments: [false, true])
    func sessionExpiringWhilePagingRestartsTheQuery(rotate: Bool) async throws {
        try await withEmulator({ $0.rotateRefreshTokens = rotate }) { harness in
            let gate = Gate()
            let transport = gated(gate, whenURLContains: "/query/01g")
            let store = MemoryTokenStore()
            let client = try harness.client(try await harness.deviceSession(), store: store, transport: transport)
            let live = try await harness.opportunityCounts().live
            let soql = "SELECT Id, Name FROM Opportunity ORDER BY Id"
            var pages = client.query(soql, batchSize: 200).makeAsyncIterator()
            let first = try #require(try await pages.next())
            #expect(first.records.count == 200 && !first.done && first.totalSize == live)
            // The session ends between page 1 and page 2 (page 2 is held at the gate).
            try await harness.expireSessions()
            gate.open()
            let error = await apiError { _ = try await pages.next() }
            #expect(error == .queryRestartRequired)
            #expect(error?.requiresQueryRestart == true)
            #expect(store.storeCount == 1, "the session was renewed before the restart was asked for")
            // Run again from the start: the renewed session pages through everything.
            var ids: [SalesforceID] = []
            for try await page in client.query(soql, batchSize: 200) { ids += page.records.compactMap(\.id) }
            #expect(ids.count == live && Set(ids).count == live)
        }
    }

    @Test func renewalByAnotherRequestAlsoEndsPaging() async throws {
        try await withEmulator { harness in
            let gate = Gate()
            let client = try harness.client(
                try await harness.deviceSession(), store: MemoryTokenStore(), transport: gated(gate, whenURLContains: "/query/01g"))
            var pages = client.query("SELECT Id FROM Opportunity", batchSize: 200).makeAsyncIterator()
            _ = try await pages.next()
            try await harness.expireSessions()
            // Another request renews the session while page 2 waits.
            _ = try await client.identity()
            gate.open()
            #expect(await apiError { _ = try await pages.next() } == .queryRestartRequired)
        }
    }
}

/// A token store that records how many data requests had been sent when a session was stored,
/// to prove that a rotated token is stored before it is used.
final class OrderCheckingStore: TokenStore {
    let log: RequestLog
    let stored = Mutex<[SalesforceSession]>([])
    let requestsBeforeStore = Mutex<[Int]>([])

    init(log: RequestLog) {
        self.log = log
    }

    func store(_ session: SalesforceSession) async throws {
        stored.withLock { $0.append(session) }
        // One request so far: the one that met the expired session. The retry comes after.
        requestsBeforeStore.withLock { $0.append(log.count("/services/data/")) }
    }
}
