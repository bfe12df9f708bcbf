import DealdeckApp
import DealdeckCache
import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceAPI
import SalesforceEmulator
import SalesforceSource
import SyncEngine
import Testing
import TerminalUI

/// The runtime driving the real sync engine, which reads an emulated org through the real
/// client: `S` fills an empty cache, an edit made "in Salesforce" arrives with `s`.
@MainActor
@Suite struct EngineSyncFlowTests {
    @Test func keyboardSyncsFillTheCacheAndBringAnEditMadeInSalesforce() async throws {
        let harness = try await EmulatorHarness.start { @Sendable configuration in
            configuration.opportunities = 25
            configuration.seed = 11
        }
        let emulator = harness.emulator
        let profile = try TestProfile(opportunities: 0)
        defer { profile.cleanUp() }
        do {
            let credentials = emulator.credentials
            let oauth = OAuthClient(
                loginHost: try LoginHost(parsing: emulator.urls.loginURL), consumerKey: credentials.consumerKey,
                consumerSecret: credentials.consumerSecret)
            let session = try await oauth.passwordGrant(
                username: credentials.username, password: credentials.password, securityToken: credentials.securityToken)
            let client = SalesforceClient(session: session)
            var syncConfiguration = SyncConfiguration()
            syncConfiguration.lockFilePath = profile.directory + "/sync.lock"
            let engine = SyncEngine(source: SalesforceSource(client: client), database: profile.database, configuration: syncConfiguration)
            let (runtime, _) = profile.runtime(sync: EngineSync(engine: engine))
            runtime.start()
            await runtime.waitUntilIdle()
            await runtime.type("2")
            #expect(await runtime.waitForScreen(containing: "All Opportunities 0"), "\(runtime.screen)")

            let live = try await harness.opportunityCounts().live
            await runtime.type("S")
            #expect(
                await runtime.waitForScreen(containing: "Full sync finished: \(live) new, 0 updated, 0 deleted · verified \(live)/\(live)", timeout: .seconds(30)),
                "\(runtime.screen)")
            #expect(await runtime.waitForScreen(containing: "All Opportunities \(live)"), "\(runtime.screen)")

            // Someone renames a deal in Salesforce; the next `s` brings just that change.
            let edited = try await harness.renameFirstOpportunity(to: "Renamed in Salesforce")
            await runtime.type("s")
            #expect(
                await runtime.waitForScreen(containing: "Sync finished: 0 new, 1 updated, 0 deleted · verified \(live)/\(live)", timeout: .seconds(30)),
                "\(runtime.screen)")
            await runtime.type("/")
            await runtime.type("Renamed in Salesforce")
            #expect(await runtime.waitForScreen(containing: "All Opportunities 1"), "\(runtime.screen)")
            #expect(try profile.database.opportunity(id: edited)?.opportunity.name == "Renamed in Salesforce")
            runtime.stop()
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }
}


/// The engine as the runtime's sync controller (the app wires it the same way).
private struct EngineSync: SyncControlling {
    let engine: SyncEngine

    func start(kind: SyncKind) async -> Bool { await engine.start(kind: kind) }

    var events: AsyncStream<SyncEvent> { engine.events }
}
