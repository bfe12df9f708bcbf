import DealdeckApp
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import Testing
import TerminalUI

/// The runtime with a real cache on disk and a headless terminal: keys in, screens out.
@MainActor
@Suite struct RuntimeFlowTests {
    @Test func theFirstFrameShowsTheCachedList() async throws {
        let profile = try TestProfile(opportunities: 50)
        defer { profile.cleanUp() }
        let (runtime, terminal) = profile.runtime()
        runtime.start()
        await runtime.waitUntilIdle()
        #expect(runtime.screen.contains("My Opportunities 50"))
        #expect(runtime.screen.contains("Deal 0001"))
        #expect(runtime.screen.contains("synced 2 min ago"))
        #expect(runtime.lastFrame?.hyperlinks.first?.url == "https://acme.lightning.force.com/lightning/r/Opportunity/\(TestProfile.id(1).rawValue)/view")
        #expect(terminal.presentCount >= 1)
        runtime.stop()
    }

    @Test func filteringAndSortingQueryTheCache() async throws {
        let profile = try TestProfile(opportunities: 200)
        defer { profile.cleanUp() }
        let (runtime, _) = profile.runtime()
        runtime.start()
        await runtime.waitUntilIdle()
        await runtime.type("/")
        await runtime.type("stage:won amount>1150")
        #expect(runtime.state.list.total == 10)
        #expect(runtime.screen.contains("My Opportunities 10"))
        await runtime.type([.special(.enter)])
        await runtime.type("$")
        #expect(runtime.state.list.query.sort == OpportunitySort(field: .amount, descending: true))
        #expect(runtime.state.list.selectedRow?.opportunity.name == "Deal 0200")
        await runtime.type("/")
        await runtime.type([.control("u")])
        await runtime.type("amount>")
        #expect(runtime.screen.contains("'amount>' needs a number"))
        runtime.stop()
    }

    @Test func scrollingToTheEndReadsOnlyTheWindowThere() async throws {
        let profile = try TestProfile(opportunities: 1000)
        defer { profile.cleanUp() }
        let (runtime, _) = profile.runtime(size: Size(width: 100, height: 20))
        runtime.start()
        await runtime.waitUntilIdle()
        await runtime.type("G")
        #expect(runtime.state.list.selected == 999)
        #expect(runtime.screen.contains("Deal 1000"))
        #expect((runtime.state.list.window?.rows.count ?? 0) <= 3 * Layout(runtime.state).visibleRows)
        #expect(runtime.screen.contains("1,000/1,000"))
        runtime.stop()
    }

    @Test func theListUpdatesWhileTheCacheIsWritten() async throws {
        let profile = try TestProfile(opportunities: 5)
        defer { profile.cleanUp() }
        let (runtime, _) = profile.runtime()
        runtime.start()
        await runtime.waitUntilIdle()
        try profile.database.upsert([CachedRecord(TestProfile.opportunity(1, name: "Renamed by a sync"))])
        #expect(await runtime.waitForScreen(containing: "Renamed by a sync"))
        try profile.database.upsert([CachedRecord(TestProfile.opportunity(6))])
        #expect(await runtime.waitForScreen(containing: "My Opportunities 6"))
        runtime.stop()
    }

    @Test func keyboardSyncShowsProgressAndTheSummary() async throws {
        let profile = try TestProfile(opportunities: 5)
        defer { profile.cleanUp() }
        let sync = FakeSyncController()
        let (runtime, _) = profile.runtime(sync: sync)
        runtime.start()
        await runtime.waitUntilIdle()
        await runtime.type("s")
        try await Task.sleep(for: .milliseconds(50))
        #expect(await sync.started == [.incremental])
        sync.emit(.started(.incremental))
        sync.emit(.progress(SyncProgress(phase: .downloading, recordsDone: 3, recordsTotal: 5, recordsPerSecond: 12)))
        #expect(await runtime.waitForScreen(containing: "Downloading 3 of 5 (60%) · 12/s"))
        await runtime.type("s")
        #expect(runtime.screen.contains("A sync is already running"))
        try profile.database.upsert([CachedRecord(TestProfile.opportunity(2, name: "Changed", revision: 1))])
        sync.emit(.finished(SyncRun(startedAt: Date(), endedAt: Date(), kind: .incremental, counts: SyncCounts(updated: 1),
                                    verification: SyncVerification(remoteCount: 5, cachedCount: 5))))
        #expect(await runtime.waitForScreen(containing: "Sync finished: 0 new, 1 updated, 0 deleted · verified 5/5"))
        #expect(await runtime.waitForScreen(containing: "Changed"), "\(runtime.screen)")
        #expect(await sync.started == [.incremental])
        runtime.stop()
    }

    @Test func aRefusedOrFailedSyncIsExplained() async throws {
        let profile = try TestProfile(opportunities: 5)
        defer { profile.cleanUp() }
        let sync = FakeSyncController()
        await sync.refuseStarts()
        let (runtime, _) = profile.runtime(sync: sync)
        runtime.start()
        await runtime.waitUntilIdle()
        await runtime.type("S")
        #expect(await runtime.waitForScreen(containing: "Another sync is already running"))
        #expect(await sync.started == [.full])
        sync.emit(.failed(SyncFailure(reason: .rateLimited, message: "The org's daily API limit is used up.", fix: "Try again tomorrow.")))
        #expect(await runtime.waitForScreen(containing: "Sync failed: The org's daily API limit is used up. Try again tomorrow."))
        runtime.stop()
    }

    @Test func themesSwitchAtRunTimeAndBrokenOnesAreNamed() async throws {
        let profile = try TestProfile(opportunities: 3)
        defer { profile.cleanUp() }
        let broken = profile.directory + "/themes"
        try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
        try "name = \"broken\"\nextends = \"default\"\n\n[roles]\nselection = { fg = \"purpleish\" }\n".write(
            toFile: broken + "/broken.toml", atomically: true, encoding: .utf8)
        let (runtime, terminal) = profile.runtime(themes: ThemeCatalog(directories: [broken, TestProfile.themesDirectory]))
        runtime.start()
        await runtime.waitUntilIdle()
        await runtime.type(":")
        await runtime.type("theme solarized-dark")
        await runtime.type([.special(.enter)])
        #expect(runtime.state.themeName == "solarized-dark")
        #expect(terminal.presented?.theme.style(.text).background == .rgb(red: 0, green: 0x2b, blue: 0x36))
        await runtime.type(":")
        await runtime.type("theme broken")
        await runtime.type([.special(.enter)])
        #expect(runtime.state.themeName == "solarized-dark")
        // Too long for the status bar, so it is shown whole above it.
        #expect(runtime.screen.contains("Error (Esc closes)"))
        #expect(runtime.state.flash?.text.hasSuffix("broken.toml:5: role 'selection' has the colour 'purpleish', which is not one of default, the 16 ANSI names (red, bright_blue…), colorN (0–255) or #rrggbb.") == true)
        runtime.stop()
    }

    @Test func openAndCopyTheRecordLink() async throws {
        let profile = try TestProfile(opportunities: 3)
        defer { profile.cleanUp() }
        let opened = OpenedURLs()
        let (runtime, terminal) = profile.runtime(opener: LinkOpener { url in
            await opened.add(url)
            return url.contains("0065e0000000002") ? "xdg-open could not open the link (exit 3)." : nil
        })
        runtime.start()
        await runtime.waitUntilIdle()
        let link = "https://acme.lightning.force.com/lightning/r/Opportunity/\(TestProfile.id(1).rawValue)/view"
        await runtime.type("o")
        #expect(await opened.urls == [link])
        await runtime.type("y")
        #expect(terminal.clipboard == [link])
        #expect(runtime.screen.contains("Copied \(link)"))
        await runtime.type("jo")
        #expect(runtime.screen.contains("xdg-open could not open the link"))
        runtime.stop()
    }

    @Test func aMemberSeesOnlyAssignedOpportunitiesAndNotAll() async throws {
        let profile = try TestProfile(opportunities: 10)
        defer { profile.cleanUp() }
        try profile.database.assign("bob", to: TestProfile.id(3), by: "alice")
        let (runtime, _) = profile.runtime(user: profile.member)
        runtime.start()
        await runtime.waitUntilIdle()
        #expect(runtime.state.list.total == 1)
        #expect(runtime.screen.contains("All Opportunities (admins only)"))
        await runtime.type("2")
        #expect(runtime.state.tab == .mine)
        #expect(runtime.screen.contains("All Opportunities is for admins"))
        runtime.stop()
    }

    @Test func resizingRelaysOutAtOnceAndTerminatingStops() async throws {
        let profile = try TestProfile(opportunities: 10)
        defer { profile.cleanUp() }
        let (runtime, terminal) = profile.runtime(size: Size(width: 120, height: 30))
        let running = Task { await runtime.run() }
        try await Task.sleep(for: .milliseconds(100))
        terminal.play(.resized(Size(width: 50, height: 12)))
        try await Task.sleep(for: .milliseconds(100))
        await runtime.waitUntilIdle()
        #expect(terminal.presented?.size == Size(width: 50, height: 12))
        terminal.play(.resized(Size(width: 20, height: 5)))
        try await Task.sleep(for: .milliseconds(100))
        #expect(runtime.screen.contains("needs at") && runtime.screen.contains("40×10"))
        terminal.play(.terminate(signal: 15))
        await running.value
        #expect(runtime.state.shouldQuit)
    }
}

actor OpenedURLs {
    var urls: [String] = []
    func add(_ url: String) { urls.append(url) }
}
