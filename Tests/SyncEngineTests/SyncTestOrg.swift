import DealdeckCache
import DealdeckCore
import Foundation
import SalesforceAPI
import SalesforceEmulator
import SalesforceSource
import SyncEngine
import Testing

/// One test's world: an emulated org started in-process on a free port, a temporary cache, and
/// a sync engine reading the org through the real client and source.
final class SyncTestOrg: Sendable {
    let emulator: RunningEmulator
    let directory: String
    let database: AppDatabase
    let client: SalesforceClient
    let source: SalesforceSource
    let control: ControlEndpoint
    /// The org's token endpoint, for tests that build clients of their own.
    let oauth: OAuthClient

    /// Starts an org of `opportunities` records.
    static func start(opportunities: Int = 300, seed: UInt64 = 7, dailyLimit: Int = 100_000, configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> SyncTestOrg {
        var configuration = EmulatorConfiguration()
        configuration.opportunities = opportunities
        configuration.seed = seed
        configuration.dailyAPILimit = dailyLimit
        configure(&configuration)
        let emulator = try await SalesforceEmulator.start(configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-sync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = try AppDatabase.open(cachePath: directory + "/cache.sqlite", appPath: directory + "/app.sqlite")
        let credentials = emulator.credentials
        // Retries wait a millisecond, not seconds: the fault tests run many of them.
        let retry = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(4))
        let oauth = OAuthClient(
            loginHost: try LoginHost(parsing: emulator.urls.loginURL), consumerKey: credentials.consumerKey,
            consumerSecret: credentials.consumerSecret, retry: retry)
        let session = try await oauth.passwordGrant(username: credentials.username, password: credentials.password, securityToken: credentials.securityToken)
        let secret = credentials.password + credentials.securityToken
        let client = SalesforceClient(
            session: session, renewal: .password(oauth, username: credentials.username, credentials: { secret }), retry: retry)
        return SyncTestOrg(emulator: emulator, directory: directory, database: database, client: client, oauth: oauth)
    }

    private init(emulator: RunningEmulator, directory: String, database: AppDatabase, client: SalesforceClient, oauth: OAuthClient) {
        self.emulator = emulator
        self.directory = directory
        self.database = database
        self.client = client
        self.oauth = oauth
        source = SalesforceSource(client: client)
        control = ControlEndpoint(services: emulator.services)
    }

    /// A sync configuration with a lock file in the test's directory.
    func configuration(_ adjust: (inout SyncConfiguration) -> Void = { _ in }) -> SyncConfiguration {
        var configuration = SyncConfiguration()
        configuration.lockFilePath = directory + "/sync.lock"
        configuration.bulkPollInterval = (0.01, 0.05)
        adjust(&configuration)
        return configuration
    }

    func engine(source: (any OpportunitySource)? = nil, _ adjust: (inout SyncConfiguration) -> Void = { _ in }) -> SyncEngine {
        SyncEngine(source: source ?? self.source, database: database, configuration: configuration(adjust))
    }

    /// Runs one sync and returns the logged run, failing the test when it failed.
    @discardableResult
    func sync(_ kind: SyncKind = .incremental, _ adjust: (inout SyncConfiguration) -> Void = { _ in }, sourceLocation: SourceLocation = #_sourceLocation) async throws -> SyncRun {
        let outcome = await engine(adjust).run(kind: kind)
        switch outcome {
        case .success(let run): return run
        case .failure(let failure):
            Issue.record("sync failed: \(failure.description) [\(failure.cause ?? "")]", sourceLocation: sourceLocation)
            throw failure
        }
    }

    func stop() async {
        await emulator.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Control surface (in-process, no HTTP)

    /// Calls a `/__emulator/` route and returns its JSON.
    @discardableResult
    func call(_ method: String, _ route: String, _ body: String = "") async throws -> JSONValue {
        var path = route
        var query = ""
        if let mark = route.firstIndex(of: "?") {
            path = String(route[..<mark])
            query = String(route[route.index(after: mark)...])
        }
        let request = EmulatorRequest(method: method, path: "/__emulator/" + path, rawQuery: query, body: Array(body.utf8))
        guard let response = await control.respond(to: request) else { throw TestFailure("no control route \(route)") }
        let value = try JSONParser.parse(response.body)
        guard response.status == 200 else { throw TestFailure("\(method) \(route): \(response.status) \(value)") }
        return value
    }

    /// Creates an opportunity; returns its ID.
    func create(name: String, stage: String = "Prospecting", amount: String = "1234.56", extra: String = "") async throws -> SalesforceID {
        let answer = try await call(
            "POST", "records/Opportunity",
            #"{"fields":{"Name":"\#(name)","StageName":"\#(stage)","CloseDate":"2026-06-30","Amount":\#(amount)\#(extra)}}"#)
        guard let text = answer["id"]?.stringValue, let id = SalesforceID(text) else { throw TestFailure("no id in \(answer)") }
        return id
    }

    func update(_ id: SalesforceID, _ fields: String) async throws {
        try await call("PATCH", "records/Opportunity/\(id.rawValue)", #"{"fields":\#(fields)}"#)
    }

    func delete(_ id: SalesforceID) async throws {
        try await call("DELETE", "records/Opportunity/\(id.rawValue)")
    }

    func undelete(_ id: SalesforceID) async throws {
        try await call("POST", "records/Opportunity/\(id.rawValue)/undelete")
    }

    /// Queues a fault (`kind`, `count`, `after`, `pathContains`, `delaySeconds`).
    func fault(_ kind: String, count: Int = 1, after: Int = 0, pathContains: String? = nil, delaySeconds: Double? = nil) async throws {
        var body = #"{"kind":"\#(kind)","count":\#(count),"after":\#(after)"#
        if let pathContains { body += #","pathContains":"\#(pathContains)""# }
        if let delaySeconds { body += #","delaySeconds":\#(delaySeconds)"# }
        try await call("POST", "faults", body + "}")
    }

    /// API calls the org has counted so far.
    var apiUsed: Int { emulator.services.usage.usage.used }

    /// The live opportunities as the emulator has them.
    func liveRecords() async throws -> [JSONValue] {
        guard case .array(let records)? = try await call("GET", "opportunities")["records"] else { throw TestFailure("no records in the dump") }
        return records
    }

    /// Some live opportunity IDs of the org.
    func liveIDs(_ count: Int) async throws -> [SalesforceID] {
        try await liveRecords().prefix(count).compactMap { $0["Id"]?.stringValue.flatMap(SalesforceID.init) }
    }

    // MARK: - The check every scenario ends with

    /// Asserts that the cache's live opportunities are exactly the org's, field for field.
    func expectCacheMatchesOrg(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let records = try await liveRecords()
        let counts = try database.opportunityCounts()
        #expect(counts.live == records.count, "live rows: cache \(counts.live), org \(records.count)", sourceLocation: sourceLocation)
        var mismatches: [String] = []
        for record in records {
            guard let idText = record["Id"]?.stringValue, let id = SalesforceID(idText) else {
                mismatches.append("a dumped record has no Id")
                continue
            }
            guard let cached = try database.opportunity(id: id) else {
                mismatches.append("\(idText) missing from the cache")
                continue
            }
            if cached.deletedAt != nil { mismatches.append("\(idText) is a tombstone in the cache but live in the org") }
            mismatches += Self.differences(cached.opportunity, record)
            if mismatches.count > 20 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// Field-by-field differences between a cached opportunity and the emulator's JSON.
    static func differences(_ cached: Opportunity, _ record: JSONValue) -> [String] {
        var differences: [String] = []
        let id = cached.id.rawValue
        // Dealdeck drops NUL characters from text (SQLite would cut the value at the first one).
        func clean(_ value: String?) -> String? { value?.replacingOccurrences(of: "\u{0}", with: "") }
        func text(_ name: String) -> String? {
            switch record[name] {
            case .string(let value)?: return clean(value)
            case .number(let value)?: return value
            default: return nil
            }
        }
        func check(_ field: String, _ cachedValue: String?, _ orgValue: String?) {
            if cachedValue != orgValue { differences.append("\(id) \(field): cache \(cachedValue ?? "null"), org \(orgValue ?? "null")") }
        }
        func decimal(_ name: String) -> Decimal? { text(name).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } }
        check("Name", cached.name, text("Name"))
        check("AccountId", cached.accountId?.rawValue, text("AccountId"))
        check("Account.Name", cached.accountName, clean(record["Account"]?["Name"]?.stringValue))
        check("StageName", cached.stageName, text("StageName"))
        if cached.amount != decimal("Amount") { differences.append("\(id) Amount: cache \(String(describing: cached.amount)), org \(text("Amount") ?? "null")") }
        check("CurrencyIsoCode", cached.currencyIsoCode, text("CurrencyIsoCode"))
        check("CloseDate", cached.closeDate.description, text("CloseDate"))
        if cached.probability != decimal("Probability") {
            differences.append("\(id) Probability: cache \(String(describing: cached.probability)), org \(text("Probability") ?? "null")")
        }
        check("Type", cached.type, text("Type"))
        check("LeadSource", cached.leadSource, text("LeadSource"))
        check("NextStep", cached.nextStep, text("NextStep"))
        check("Description", cached.description, text("Description"))
        check("ForecastCategoryName", cached.forecastCategoryName, text("ForecastCategoryName"))
        check("IsClosed", String(cached.isClosed), record["IsClosed"]?.boolValue.map(String.init))
        check("IsWon", String(cached.isWon), record["IsWon"]?.boolValue.map(String.init))
        check("OwnerId", cached.ownerId.rawValue, text("OwnerId"))
        check("Owner.Name", cached.ownerName, clean(record["Owner"]?["Name"]?.stringValue))
        check("Owner.Email", cached.ownerEmail, clean(record["Owner"]?["Email"]?.stringValue))
        check("CreatedDate", cached.createdDate.description, text("CreatedDate"))
        check("LastModifiedDate", cached.lastModifiedDate.description, text("LastModifiedDate"))
        check("SystemModstamp", cached.systemModstamp.description, text("SystemModstamp"))
        return differences
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
