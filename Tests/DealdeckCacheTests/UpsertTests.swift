import DealdeckCache
import DealdeckCore
import Foundation
import Testing

@Suite struct UpsertTests {
    @Test func upsertCountsNewUpdatedUnchanged() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        let first = try database.upsert((1...3).map { CachedRecord(CacheFixtures.opportunity($0)) })
        #expect(first.inserted == 3)
        var changed = CacheFixtures.opportunity(2, name: "Renamed", modstamp: 1_700_000_100_000)
        changed.amount = Money.decimal("2500.55")
        let second = try database.upsert([CachedRecord(CacheFixtures.opportunity(1)), CachedRecord(changed)])
        #expect(second.unchanged == 1)
        #expect(second.updated == 1)
        let stored = try #require(try database.opportunity(id: CacheFixtures.id(2)))
        #expect(stored.opportunity == changed)
        #expect(stored.opportunity.amount == Money.decimal("2500.55"))
    }

    /// An initial load's writes insert first and upsert only IDs already cached: the counts and
    /// the stored rows must be exactly the plain upsert's, whatever state each row was in.
    @Test func insertingFirstCountsAndStoresLikeTheUpsert() async throws {
        func page() -> [CachedRecord] {
            [
                CachedRecord(CacheFixtures.opportunity(1)),  // unchanged
                CachedRecord(CacheFixtures.opportunity(2, name: "Renamed", modstamp: 1_700_000_100_000)),  // updated
                CachedRecord(CacheFixtures.opportunity(3, modstamp: 1_700_000_200_000)),  // undeleted
                CachedRecord(CacheFixtures.opportunity(4), isDeleted: true),  // tombstone seen again
                CachedRecord(CacheFixtures.opportunity(5, name: "New")),  // inserted
                CachedRecord(CacheFixtures.opportunity(6), isDeleted: true),  // new tombstone
            ]
        }
        var results: [(UpsertSummary, [CachedOpportunity?])] = []
        for expectingNew in [false, true] {
            let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
            try database.upsert((1...4).map { CachedRecord(CacheFixtures.opportunity($0)) })
            try database.upsert([CachedRecord(CacheFixtures.opportunity(3), isDeleted: true), CachedRecord(CacheFixtures.opportunity(4), isDeleted: true)])
            let summary = try await database.applySyncRows(
                OpportunityRows(page().lazy.map { (opportunity: $0.opportunity, isDeleted: $0.isDeleted) }),
                syncedAt: Date(timeIntervalSince1970: 1_800_000_000), checkpoint: nil, expectingNew: expectingNew)
            results.append((summary, try (1...6).map { try database.opportunity(id: CacheFixtures.id($0)) }))
        }
        let (inserting, upserting) = (results[1], results[0])
        #expect(inserting.0 == upserting.0)
        var expected = UpsertSummary()
        (expected.inserted, expected.updated, expected.unchanged, expected.deleted, expected.undeleted) = (1, 1, 2, 1, 1)
        #expect(inserting.0 == expected)
        #expect(inserting.1 == upserting.1)
        #expect(inserting.1[4]?.opportunity.name == "New")
        #expect(inserting.1[5]?.deletedAt != nil)
    }

    @Test func everyFieldRoundTripsExactly() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        var opportunity = CacheFixtures.opportunity(9, name: "Société 商談 👍 \u{1B}]2;x\u{07}", account: nil, nextStep: "Call")
        opportunity.amount = Money.decimal("12345678901234.99")
        opportunity.currencyIsoCode = "EUR"
        opportunity.probability = Money.decimal("12.5")
        opportunity.description = String(repeating: "long ", count: 5000)
        try database.upsert([CachedRecord(opportunity)])
        #expect(try database.opportunity(id: opportunity.id)?.opportunity == opportunity)
    }

    @Test func tombstonesHideRowsAndKeepMemberships() throws {
        let directory = CacheFixtures.temporaryDirectory()
        let database = try CacheFixtures.openOnDisk(directory)
        try database.addUser(AppUser(loginName: "alice", displayName: "Alice", role: .admin))
        try database.addUser(AppUser(loginName: "bob", displayName: "Bob", role: .member))
        try database.upsert((1...3).map { CachedRecord(CacheFixtures.opportunity($0)) })
        try database.assign("bob", to: CacheFixtures.id(2), by: "alice")
        let bobs = OpportunityListRequest(scope: .assigned(loginName: "bob", salesforceUserId: nil), today: CacheFixtures.today())
        #expect(try database.opportunities(bobs).map(\.id) == [CacheFixtures.id(2)])

        #expect(try database.markDeleted([CacheFixtures.id(2)], at: SalesforceTimestamp(millisecondsSinceEpoch: 1_800_000_000_000)) == 1)
        #expect(try database.opportunities(bobs).isEmpty)
        #expect(try database.count(OpportunityListRequest(scope: .all, today: CacheFixtures.today())) == 2)
        #expect(try database.opportunity(id: CacheFixtures.id(2))?.deletedAt != nil)
        #expect(try database.members(of: CacheFixtures.id(2)).map(\.userLoginName) == ["bob"])

        // A later page upsert (as a sync writes) must not disturb memberships either.
        try database.upsert([CachedRecord(CacheFixtures.opportunity(3, name: "Touched", modstamp: 1_700_000_500_000))])
        #expect(try database.members(of: CacheFixtures.id(2)).count == 1)

        // Undelete: the record comes back and so does bob's assignment.
        let summary = try database.upsert([CachedRecord(CacheFixtures.opportunity(2, modstamp: 1_900_000_000_000))])
        #expect(summary.undeleted == 1)
        #expect(try database.opportunities(bobs).map(\.id) == [CacheFixtures.id(2)])
    }

    @Test func deletedRecordsFromQueryAllBecomeTombstones() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try database.upsert([CachedRecord(CacheFixtures.opportunity(1))])
        let summary = try database.upsert([CachedRecord(CacheFixtures.opportunity(1), isDeleted: true), CachedRecord(CacheFixtures.opportunity(5), isDeleted: true)])
        #expect(summary.deleted == 2)
        #expect(try database.opportunityCounts() == (live: 0, deleted: 2) ? true : false)
    }

    @Test func ownersSeeTheirOpportunitiesThroughTheLinkedSalesforceUser() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try database.addUser(AppUser(loginName: "jane", displayName: "Jane", role: .member, salesforceUserId: CacheFixtures.owner))
        try database.upsert([CachedRecord(CacheFixtures.opportunity(1)), CachedRecord(CacheFixtures.opportunity(2, ownerId: CacheFixtures.id(8, prefix: "005")))])
        let janes = OpportunityListRequest(scope: .assigned(loginName: "jane", salesforceUserId: CacheFixtures.owner), today: CacheFixtures.today())
        #expect(try database.opportunities(janes).map(\.id) == [CacheFixtures.id(1)])
        #expect(try database.members(of: CacheFixtures.id(1)).map(\.source) == [.owner])
    }

    @Test func countsOfAssignedListsMatchTheListsEitherWayRowsAreAssigned() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try database.addUser(AppUser(loginName: "jane", displayName: "Jane", role: .member, salesforceUserId: CacheFixtures.owner))
        try database.addUser(AppUser(loginName: "bob", displayName: "Bob", role: .member))
        let other = CacheFixtures.id(8, prefix: "005")
        // Owned (1–6), assigned but owned by someone else (10–12), both (1), deleted (5, 11), neither (20–22).
        try database.upsert(
            (1...6).map { CachedRecord(CacheFixtures.opportunity($0)) } + (10...12).map { CachedRecord(CacheFixtures.opportunity($0, ownerId: other)) }
                + (20...22).map { CachedRecord(CacheFixtures.opportunity($0, ownerId: other)) })
        for number in [1, 10, 11, 12] { try database.assign("jane", to: CacheFixtures.id(number), by: nil) }
        try database.assign("bob", to: CacheFixtures.id(2), by: nil)
        try database.upsert([CachedRecord(CacheFixtures.opportunity(5), isDeleted: true), CachedRecord(CacheFixtures.opportunity(11, ownerId: other), isDeleted: true)])
        for scope in [
            OpportunityListRequest.Scope.assigned(loginName: "jane", salesforceUserId: CacheFixtures.owner), .assigned(loginName: "jane", salesforceUserId: nil),
            .assigned(loginName: "bob", salesforceUserId: nil), .all,
        ] {
            let request = OpportunityListRequest(scope: scope, today: CacheFixtures.today())
            #expect(try database.count(request) == database.opportunities(request).count, "\(scope)")
        }
        let janes = OpportunityListRequest(scope: .assigned(loginName: "jane", salesforceUserId: CacheFixtures.owner), today: CacheFixtures.today())
        #expect(try database.count(janes) == 7)  // 1, 2, 3, 4, 6 owned; 10, 12 assigned
    }

    @Test func assigningChecksUserAndOpportunity() throws {
        let database = try AppDatabase.open(cachePath: nil, appPath: CacheFixtures.temporaryDirectory() + "/app.sqlite")
        try database.addUser(AppUser(loginName: "bob", displayName: "Bob", role: .member))
        #expect(throws: CacheError.unknownUser("carol")) { try database.assign("carol", to: CacheFixtures.id(1), by: nil) }
        #expect(throws: CacheError.unknownOpportunity(CacheFixtures.id(1).rawValue)) { try database.assign("bob", to: CacheFixtures.id(1), by: nil) }
        #expect(throws: CacheError.userExists("BOB")) { try database.addUser(AppUser(loginName: "BOB", displayName: "B", role: .member)) }
    }

    @Test func inMemoryCacheWritesNoOpportunityDataToDisk() throws {
        let directory = CacheFixtures.temporaryDirectory()
        do {
            let database = try AppDatabase.open(cachePath: nil, appPath: directory + "/app.sqlite")
            try database.addUser(AppUser(loginName: "bob", displayName: "Bob", role: .member))
            try database.upsert([CachedRecord(CacheFixtures.opportunity(1, name: "Secret Merger Deal"))])
            try database.assign("bob", to: CacheFixtures.id(1), by: nil)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!files.contains { $0.hasPrefix("cache") })
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            #expect(data.range(of: Data("Secret Merger Deal".utf8)) == nil, "\(file) holds opportunity data")
        }
        // People data persists: a new session still knows bob and his assignment by ID.
        let reopened = try AppDatabase.open(cachePath: nil, appPath: directory + "/app.sqlite")
        #expect(try reopened.user(named: "bob") != nil)
    }

    @Test func databaseFilesArePrivate() throws {
        let directory = CacheFixtures.temporaryDirectory()
        let database = try CacheFixtures.openOnDisk(directory)
        try database.upsert([CachedRecord(CacheFixtures.opportunity(1))])
        for file in ["cache.sqlite", "app.sqlite"] {
            let mode = try FileManager.default.attributesOfItem(atPath: directory + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func aCorruptFileIsReportedByName() throws {
        let directory = CacheFixtures.temporaryDirectory()
        try Data("this is not sqlite at all, not even close".utf8).write(to: URL(fileURLWithPath: directory + "/cache.sqlite"))
        #expect(throws: CacheError.corruptDatabase(path: directory + "/cache.sqlite")) { _ = try CacheFixtures.openOnDisk(directory) }
    }
}
