import DealdeckCache
import DealdeckCore
import Foundation

/// A seeded cache for the UI benchmark: `count` opportunities with varied names, accounts,
/// stages, amounts and dates, 50 owners (the benchmark user owns one in ten), kept on disk so
/// later runs start at once.
struct UIBenchmarkCache {
    let count: Int
    let directory: String
    let user: AppUser
    var cachePath: String { directory + "/cache.sqlite" }
    var appPath: String { directory + "/app.sqlite" }

    static let companies = [
        "Acme", "Globex", "Initech", "Umbrella", "Soylent", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Gringotts",
        "Pied Piper", "Vandelay", "Monarch", "Oscorp", "Duff", "Krusty", "Nakatomi", "Weyland",
    ]
    static let products = ["Renewal", "Expansion", "Platform", "Pilot", "Upgrade", "Migration", "Services", "Licences", "Support", "Analytics"]
    static let stages = ["Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation/Review", "Closed Won", "Closed Lost"]

    static func ownerId(_ index: Int) -> SalesforceID { SalesforceID(keyPrefix: "005", pod: "bb", number: 1 + index) }

    /// Opens the cache in `directory`, seeding it first when it does not hold `count` rows.
    static func prepare(count: Int, in directory: String) throws -> UIBenchmarkCache {
        let user = AppUser(loginName: "bench", displayName: "Bench Admin", role: .admin, salesforceUserId: ownerId(0))
        let cache = UIBenchmarkCache(count: count, directory: directory, user: user)
        if let database = try? AppDatabase.open(cachePath: cache.cachePath, appPath: cache.appPath),
            (try? database.opportunityCounts().live) == count, (try? database.user(named: "bench")) != nil
        {
            return cache
        }
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = try AppDatabase.open(cachePath: cache.cachePath, appPath: cache.appPath)
        try database.addUser(user)
        let started = Date()
        var state = SplitMix(seed: 42)
        let batch = 10_000
        for start in stride(from: 0, to: count, by: batch) {
            var page: [CachedRecord] = []
            page.reserveCapacity(batch)
            for number in start..<min(count, start + batch) { page.append(CachedRecord(opportunity(number, random: &state))) }
            try database.upsert(page)
            if start % 100_000 == 0 && start > 0 {
                StandardStream.error.write("  seeded \(start) of \(count)…\n")
            }
        }
        var syncState = try database.syncState()
        syncState.instanceURL = "https://acme.my.salesforce.com"
        syncState.lastSuccessAt = SalesforceTimestamp(secondsSinceEpoch: Date().timeIntervalSince1970)
        try database.saveSyncState(syncState)
        StandardStream.error.write("  seeded \(count) opportunities in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n")
        return cache
    }

    static func opportunity(_ number: Int, random: inout SplitMix) -> Opportunity {
        let company = companies[Int(random.next() % UInt64(companies.count))]
        let product = products[Int(random.next() % UInt64(products.count))]
        let stage = stages[Int(random.next() % UInt64(stages.count))]
        let stamp = SalesforceTimestamp(millisecondsSinceEpoch: 1_700_000_000_000 + Int64(number) * 1000)
        let owner = number % 10 == 0 ? 0 : 1 + Int(random.next() % 49)
        return Opportunity(
            id: SalesforceID(keyPrefix: "006", pod: "bb", number: number + 1), name: "\(company) \(product) \(number + 1)",
            accountId: SalesforceID(keyPrefix: "001", pod: "bb", number: 1 + number % 5000), accountName: "\(company) \(["Inc", "Ltd", "GmbH", "SA"][number % 4])",
            stageName: stage, amount: Decimal(Int(random.next() % 5_000_000)) / 10, currencyIsoCode: "USD",
            closeDate: CalendarDate(daysSinceEpoch: 19_700 + Int(random.next() % 1100)), probability: Decimal(Int(random.next() % 101)),
            type: "New Customer", leadSource: "Web", nextStep: "Follow up", description: "Seeded for the UI benchmark.",
            forecastCategoryName: "Pipeline", isClosed: stage.hasPrefix("Closed"), isWon: stage == "Closed Won", ownerId: ownerId(owner),
            ownerName: "Owner \(owner)", ownerEmail: "owner\(owner)@example.com", createdDate: stamp, lastModifiedDate: stamp, systemModstamp: stamp)
    }
}

/// A small deterministic generator (SplitMix64), so every run seeds the same cache.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
