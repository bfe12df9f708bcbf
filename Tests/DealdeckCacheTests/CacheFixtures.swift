import DealdeckCache
import DealdeckCore
import Foundation

/// Builders for cache tests: temporary profiles and opportunities.
enum CacheFixtures {
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-cache-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func openOnDisk(_ directory: String) throws -> AppDatabase {
        try AppDatabase.open(cachePath: directory + "/cache.sqlite", appPath: directory + "/app.sqlite")
    }

    static func id(_ number: Int, prefix: String = "006") -> SalesforceID {
        SalesforceID(keyPrefix: prefix, pod: "5e", number: number)
    }

    static let owner = id(7, prefix: "005")

    static func opportunity(
        _ number: Int, name: String? = nil, stage: String = "Prospecting", amount: String? = "1000", account: String? = "Acme Corp",
        owner: String = "Jane Rep", ownerId: SalesforceID = CacheFixtures.owner, close: String = "2025-03-31", modstamp: Int64 = 1_700_000_000_000,
        nextStep: String? = nil
    ) -> Opportunity {
        Opportunity(
            id: id(number), name: name ?? "Deal \(number)", accountId: account == nil ? nil : id(number, prefix: "001"),
            accountName: account, stageName: stage, amount: amount.flatMap(Money.decimal), closeDate: CalendarDate(close) ?? CalendarDate(daysSinceEpoch: 0),
            probability: 10, type: "New Customer", leadSource: "Web", nextStep: nextStep, description: "About deal \(number)",
            forecastCategoryName: "Pipeline", isClosed: stage.hasPrefix("Closed"), isWon: stage == "Closed Won", ownerId: ownerId,
            ownerName: owner, ownerEmail: "jane@example.com",
            createdDate: SalesforceTimestamp(millisecondsSinceEpoch: modstamp - 1000),
            lastModifiedDate: SalesforceTimestamp(millisecondsSinceEpoch: modstamp),
            systemModstamp: SalesforceTimestamp(millisecondsSinceEpoch: modstamp))
    }

    static func today() -> CalendarDate { CalendarDate(year: 2025, month: 1, day: 1) ?? CalendarDate(daysSinceEpoch: 0) }
}
