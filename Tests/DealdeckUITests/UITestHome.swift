import DealdeckCache
import DealdeckConfig
import DealdeckCore
import DealdeckTestSupport
import Foundation

/// A throwaway Dealdeck home with a seeded cache, and the real `dealdeck` binary started in
/// tmux against it. Deleted by `cleanUp()`.
struct UITestHome {
    let root: String
    let paths: DealdeckPaths
    let openedLinks: String
    static let instanceURL = "https://acme.my.salesforce.com"
    static let ownerId = SalesforceID(keyPrefix: "005", pod: "5e", number: 7)

    /// `opportunities: nil` leaves the cache empty and never synced (for a real first sync).
    init(opportunities: [Opportunity]? = UITestHome.sample, instanceURL: String? = UITestHome.instanceURL) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-ui-\(UUID().uuidString.prefix(8))").path
        paths = DealdeckPaths.resolve(home: root, environment: [:])
        try paths.createDirectories()
        let database = try AppDatabase.open(cachePath: paths.cacheDatabase, appPath: paths.appDatabase)
        try database.addUser(AppUser(loginName: "alice", displayName: "Alice", role: .admin, salesforceUserId: Self.ownerId))
        try database.addUser(AppUser(loginName: "bob", displayName: "Bob", role: .member))
        if let opportunities {
            try database.upsert(opportunities.map { CachedRecord($0) })
            var state = try database.syncState()
            state.instanceURL = instanceURL
            state.lastSuccessAt = SalesforceTimestamp(secondsSinceEpoch: Date().timeIntervalSince1970 - 300)
            try database.saveSyncState(state)
        }
        openedLinks = root + "/opened-links.txt"
        let browser = root + "/browser.sh"
        try "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '\(openedLinks)'\n".write(toFile: browser, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
    }

    static func id(_ number: Int) -> SalesforceID { SalesforceID(keyPrefix: "006", pod: "5e", number: number) }

    static func opportunity(
        _ number: Int, name: String, account: String = "Acme Corp", stage: String = "Prospecting", amount: Decimal = 1000, revision: Int64 = 0
    ) -> Opportunity {
        let stamp = SalesforceTimestamp(millisecondsSinceEpoch: 1_767_000_000_000 + Int64(number) + revision * 1_000_000)
        return Opportunity(
            id: id(number), name: name, accountName: account, stageName: stage, amount: amount + Decimal(number), currencyIsoCode: "USD",
            closeDate: CalendarDate(daysSinceEpoch: 20_600 + number), probability: stage == "Closed Won" ? 100 : 20, type: "New Customer",
            leadSource: "Web", nextStep: "Call back", description: "Opportunity number \(number).", forecastCategoryName: "Pipeline",
            isClosed: stage.hasPrefix("Closed"), isWon: stage == "Closed Won", ownerId: ownerId, ownerName: "Jane Rep", createdDate: stamp,
            lastModifiedDate: stamp, systemModstamp: stamp)
    }

    /// Forty deals, every fifth won, plus CJK, emoji and a name that tries to set the title.
    static let sample: [Opportunity] = (1...36).map { opportunity($0, name: String(format: "Deal %02d", $0), stage: $0 % 5 == 0 ? "Closed Won" : "Prospecting") } + [
        opportunity(37, name: "商談 東京 プロジェクト", account: "株式会社テスト"),
        opportunity(38, name: "Rocket 🚀 launch", account: "Initech"),
        opportunity(39, name: "\u{1B}]2;pwned\u{07}\u{1B}[2J", account: "\u{1B}[31mEvil"),
        opportunity(40, name: "Cafe\u{301} Socie\u{301}te\u{301}", account: "Société"),
    ]

    /// Starts `dealdeck` (plus `arguments`) as alice in a `width`×`height` tmux window.
    func start(
        _ arguments: [String] = [], width: Int = 120, height: Int = 30, user: String = "alice", environment extra: [String: String] = [:]
    ) async throws -> TmuxSession {
        var environment = [
            "DEALDECK_HOME": root, "DEALDECK_USER": user, "TERM": "tmux-256color", "LANG": "C.UTF-8", "BROWSER": root + "/browser.sh",
            "SWIFT_BACKTRACE": "enable=no", "DEALDECK_LOG_LEVEL": "debug",
        ]
        for (key, value) in extra { environment[key] = value }
        return try await TmuxSession.start([ProcessRunner.executable(named: "dealdeck")] + arguments, width: width, height: height, environment: environment)
    }

    /// Runs `dealdeck ARGS` in this home to the end (no terminal), as a script would.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> ProcessResult {
        let environment = ProcessRunner.environment(["DEALDECK_HOME": root, "DEALDECK_USER": "alice"].merging(extra) { $1 })
        return try await ProcessRunner.run(ProcessRunner.executable(named: "dealdeck"), arguments, environment: environment)
    }

    /// Signs this home in to `harness` (username-password flow, secrets in the environment) and
    /// runs a first sync.
    func signInAndSync(_ harness: EmulatorHarness) async throws {
        let credentials = harness.credentials
        let login = try await run(
            ["login", "--method", "password", "--login-url", harness.loginURL, "--consumer-key", credentials.consumerKey, "--username", credentials.username],
            environment: [
                "DEALDECK_CONSUMER_SECRET": credentials.consumerSecret, "DEALDECK_PASSWORD": credentials.password,
                "DEALDECK_SECURITY_TOKEN": credentials.securityToken,
            ])
        guard login.status == 0 else { throw TmuxError("dealdeck login failed (\(login.status)): \(login.stderr)") }
        let sync = try await run(["sync"])
        guard sync.status == 0 else { throw TmuxError("dealdeck sync failed (\(sync.status)): \(sync.stderr)") }
    }

    /// The links the fake browser was asked to open.
    var openedLinkList: [String] {
        ((try? String(contentsOfFile: openedLinks, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
}

extension String {
    /// The lines of a captured screen.
    var screenLines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
