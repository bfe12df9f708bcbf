import DealdeckApp
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import TerminalUI

/// A temporary profile with a seeded cache, and a runtime on a headless terminal around it.
struct TestProfile {
    let directory: String
    let database: AppDatabase
    let admin = AppUser(loginName: "alice", displayName: "Alice", role: .admin, salesforceUserId: SalesforceID(keyPrefix: "005", pod: "5e", number: 7))
    let member = AppUser(loginName: "bob", displayName: "Bob", role: .member)

    init(opportunities count: Int = 50) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-app-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try AppDatabase.open(cachePath: directory + "/cache.sqlite", appPath: directory + "/app.sqlite")
        try database.addUser(admin)
        try database.addUser(member)
        // No records: a profile that has never synced (a first sync fills it).
        guard count > 0 else { return }
        try database.upsert((1...count).map { CachedRecord(Self.opportunity($0)) })
        var state = try database.syncState()
        state.instanceURL = "https://acme.my.salesforce.com"
        state.lastSuccessAt = SalesforceTimestamp(secondsSinceEpoch: Date().timeIntervalSince1970 - 120)
        try database.saveSyncState(state)
    }

    static func id(_ number: Int) -> SalesforceID { SalesforceID(keyPrefix: "006", pod: "5e", number: number) }

    /// `revision` moves the record's SystemModstamp on, as an edit in Salesforce does.
    static func opportunity(_ number: Int, name: String? = nil, amount: Decimal = 1000, revision: Int64 = 0) -> Opportunity {
        let stamp = SalesforceTimestamp(millisecondsSinceEpoch: 1_767_000_000_000 + Int64(number) + revision * 1_000_000)
        return Opportunity(
            id: id(number), name: name ?? String(format: "Deal %04d", number), accountName: number % 2 == 0 ? "Acme Corp" : "Globex",
            stageName: number % 5 == 0 ? "Closed Won" : "Prospecting", amount: amount + Decimal(number), currencyIsoCode: "USD",
            closeDate: CalendarDate(daysSinceEpoch: 20_500 + number), probability: 20, isClosed: number % 5 == 0, isWon: number % 5 == 0,
            ownerId: SalesforceID(keyPrefix: "005", pod: "5e", number: 7), ownerName: "Jane Rep", createdDate: stamp, lastModifiedDate: stamp,
            systemModstamp: stamp)
    }

    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    @MainActor
    func runtime(
        user: AppUser? = nil, size: Size = Size(width: 120, height: 30), sync: (any SyncControlling)? = nil, opener: LinkOpener? = nil,
        themes: ThemeCatalog = ThemeCatalog(directories: [TestProfile.themesDirectory]), observesCache: Bool = true
    ) -> (AppRuntime, HeadlessTerminal) {
        let terminal = HeadlessTerminal(size: size)
        let environment = AppEnvironment(
            database: database, themes: themes, sync: sync, linkOpener: opener ?? LinkOpener { _ in nil }, tickInterval: nil,
            observesCache: observesCache)
        let now = Date()
        let state = AppState(
            user: user ?? admin, size: size, now: now, today: AppEnvironment.localDate(now), themeName: "default",
            availableThemes: themes.availableNames(), sync: SyncStatus(unavailableReason: sync == nil ? "No sync in this test." : nil))
        let runtime = AppRuntime(state: state, theme: ThemeCatalog.embeddedDefault, environment: environment, terminal: terminal)
        return (runtime, terminal)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }
}

/// A sync controller the test drives by hand.
actor FakeSyncController: SyncControlling {
    nonisolated let events: AsyncStream<SyncEvent>
    private let continuation: AsyncStream<SyncEvent>.Continuation
    private(set) var started: [SyncKind] = []
    var accepts = true

    init() {
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    func start(kind: SyncKind) -> Bool {
        started.append(kind)
        return accepts
    }

    func refuseStarts() { accepts = false }

    nonisolated func emit(_ event: SyncEvent) { continuation.yield(event) }
}

extension AppRuntime {
    /// Sends keys one at a time, as typed, and waits for every read they cause.
    func type(_ keys: [KeyChord]) async {
        for key in keys {
            send(.key(key))
            await waitUntilIdle()
        }
    }

    func type(_ text: String) async {
        await type(text.map { KeyChord.character($0) })
    }

    /// The screen as text.
    var screen: String { lastFrame?.plainText() ?? "" }

    /// Waits until the screen shows `text` (changes that arrive on their own: observation, sync).
    func waitForScreen(containing text: String, timeout: Duration = .seconds(5)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            await waitUntilIdle()
            if screen.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return screen.contains(text)
    }
}
