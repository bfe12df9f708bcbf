import DealdeckCache
import DealdeckCore
import Foundation
import Testing

/// `dealdeck list` and `show` over a cache seeded the way a sync would fill it.
@Suite struct ListAndShowCLITests {
    static func id(_ number: Int, prefix: String = "006") -> SalesforceID { SalesforceID(keyPrefix: prefix, pod: "5e", number: number) }

    static func seed(_ cli: CLIRunner) throws {
        try cli.run(["users", "add", "alice", "--admin"])
        try cli.run(["users", "add", "bob"])
        let database = try AppDatabase.open(cachePath: cli.home + "/data/cache.sqlite", appPath: cli.home + "/data/app.sqlite")
        func opportunity(_ number: Int, _ name: String, _ stage: String, _ amount: String?, _ close: String) -> CachedRecord {
            CachedRecord(Opportunity(
                id: id(number), name: name, accountId: id(number, prefix: "001"), accountName: "Account \(number)", stageName: stage,
                amount: amount.flatMap(Money.decimal), currencyIsoCode: "USD", closeDate: CalendarDate(close) ?? CalendarDate(daysSinceEpoch: 0),
                probability: 50, nextStep: "Call back", description: "Line one\nLine two", isClosed: stage.hasPrefix("Closed"),
                isWon: stage == "Closed Won", ownerId: id(9, prefix: "005"), ownerName: "Jane Rep", ownerEmail: "jane@example.com",
                createdDate: SalesforceTimestamp(millisecondsSinceEpoch: 1_700_000_000_000),
                lastModifiedDate: SalesforceTimestamp(millisecondsSinceEpoch: 1_700_000_000_000),
                systemModstamp: SalesforceTimestamp(millisecondsSinceEpoch: 1_700_000_000_000)))
        }
        try database.upsert([
            opportunity(1, "Acme expansion", "Negotiation/Review", "75000.5", "2025-01-15"),
            opportunity(2, "Beta pilot", "Prospecting", "12000", "2025-06-01"),
            opportunity(3, "Evil \u{1B}]2;pwned\u{07} deal", "Closed Won", nil, "2024-12-01"),
        ])
        try database.assign("bob", to: id(2), by: "alice")
    }

    @Test func listSortsFiltersAndPrintsStableJSON() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try Self.seed(cli)
        let sorted = try cli.run(["list", "--all", "--user", "alice", "--sort", "amount:desc", "--json"])
        #expect(sorted.status == 0, "\(sorted.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(sorted.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["Acme expansion", "Beta pilot", "Evil \u{1B}]2;pwned\u{07} deal"])
        #expect(rows[0]["amount"] as? Double == 75000.5)
        #expect(rows[0]["closeDate"] as? String == "2025-01-15")
        #expect(rows[0]["systemModstamp"] as? String == "2023-11-14T22:13:20.000+0000")
        #expect(rows[2]["amount"] is NSNull)
        #expect(rows[0].keys.count == 22)
        #expect(!sorted.stdout.contains("\u{1B}"))  // JSON escapes control characters

        let filtered = try cli.run(["list", "--all", "--user", "alice", "--filter", "stage:negotiation amount>50000", "--json"])
        let filteredRows = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
        #expect(filteredRows.map { $0["id"] as? String } == [Self.id(1).rawValue])

        let bobs = try cli.run(["list", "--user", "bob"])
        #expect(bobs.status == 0)
        #expect(bobs.stdout.contains("Beta pilot"))
        #expect(!bobs.stdout.contains("Acme expansion"))
    }

    @Test func tablesNeverCarryEscapeSequences() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try Self.seed(cli)
        let table = try cli.run(["list", "--all", "--user", "alice"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("NAME"))
        #expect(table.stdout.contains("$75,000.50"))
        #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(table.stdout.contains("␛]2;pwned␇"))
    }

    @Test func showAcceptsFifteenCharacterIDs() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try Self.seed(cli)
        let text = try cli.run(["show", Self.id(2).fifteenCharacterForm])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Beta pilot"))
        #expect(text.stdout.contains("bob (manual)"))
        #expect(text.stdout.contains("Line one\nLine two"))

        let json = try cli.run(["show", Self.id(2).rawValue.lowercased(), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == Self.id(2).rawValue)
        #expect((object["members"] as? [[String: Any]])?.first?["login"] as? String == "bob")
        #expect(object["deleted"] as? Bool == false)

        let unknown = try cli.run(["show", Self.id(99).rawValue])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("No opportunity with ID \(Self.id(99).rawValue)"))
    }
}
