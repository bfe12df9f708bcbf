import DealdeckCore
import Foundation
import Synchronization
import Testing

@testable import SalesforceEmulator

/// Mutations on the store directly: stamping, derivations, the recycle bin, validation.
@Suite struct OrgStoreTests {
    struct Fixture {
        let clock = EmulatorClock()
        let store: OrgStore
        let identity: OrgIdentity

        init(count: Int = 200) {
            var configuration = EmulatorConfiguration()
            configuration.opportunities = count
            let credentials = EmulatorCredentials.seeded(configuration.seed)
            identity = OrgIdentity.seeded(configuration.seed, credentials: credentials)
            store = OrgStore(configuration: configuration, identity: identity, clock: clock, stored: nil)
        }

        func members(_ json: String) -> [JSONMember] {
            guard case .object(let members) = try? JSONParser.parse(Array(json.utf8)) else { return [] }
            return members
        }
    }

    @Test func writesStampSystemModstampFromTheClock() throws {
        let fixture = Fixture()
        fixture.clock.advance(seconds: 10)
        let now = fixture.clock.now()
        let record = try fixture.store.createOpportunity(
            fixture.members(#"{"Name":"A","StageName":"Value Proposition","CloseDate":"2027-01-01"}"#), by: fixture.identity.apiUser.id)
        #expect(record.systemModstamp >= now)
        #expect(record.createdDate == record.systemModstamp)
        #expect(record.probability == 50)
        fixture.clock.advance(seconds: 60)
        let updated = try fixture.store.updateOpportunity(record.id, fixture.members(#"{"Amount":1}"#), by: fixture.identity.apiUser.id)
        #expect(updated.systemModstamp.millisecondsSinceEpoch - record.systemModstamp.millisecondsSinceEpoch >= 60_000)
        #expect(updated.lastModifiedDate == updated.systemModstamp)
        #expect(updated.createdDate == record.createdDate)
        #expect(updated.amountCents == 100)
    }

    @Test func explicitForecastCategoryAndProbabilitySurviveStageChanges() throws {
        let fixture = Fixture()
        let user = fixture.identity.apiUser.id
        let record = try fixture.store.createOpportunity(
            fixture.members(#"{"Name":"B","StageName":"Negotiation/Review","CloseDate":"2027-01-01","ForecastCategoryName":"Commit","Probability":80}"#), by: user)
        #expect(record.forecastCategoryName == "Commit")
        #expect(record.forecastCategory == "Forecast")
        #expect(record.probability == 80)
        let lost = try fixture.store.updateOpportunity(record.id, fixture.members(#"{"StageName":"Closed Lost"}"#), by: user)
        #expect(lost.forecastCategory == "Omitted")
        #expect(lost.probability == 0)
        #expect(lost.isClosed && !lost.isWon)
        #expect(throws: SalesforceError.self) {
            try fixture.store.updateOpportunity(record.id, fixture.members(#"{"ForecastCategoryName":"Maybe"}"#), by: user)
        }
        #expect(throws: SalesforceError.self) {
            try fixture.store.updateOpportunity(record.id, fixture.members(#"{"Probability":150}"#), by: user)
        }
        #expect(throws: SalesforceError.self) {
            try fixture.store.updateOpportunity(record.id, fixture.members(#"{"Name":null}"#), by: user)
        }
    }

    @Test func recycleBinLifecycleAndLazyPurge() throws {
        let fixture = Fixture()
        let user = fixture.identity.apiUser.id
        fixture.store.purgeRecycleBin()
        let id = try #require(fixture.store.snapshot().opportunities.first { !$0.isDeleted }?.id)
        try fixture.store.deleteOpportunity(id, by: user)
        #expect(fixture.store.snapshot().recycleBin[id] != nil)
        #expect(throws: SalesforceError.self) { try fixture.store.deleteOpportunity(id, by: user) }
        #expect(throws: SalesforceError.self) { try fixture.store.updateOpportunity(id, [], by: user) }
        try fixture.store.undeleteOpportunity(id, by: user)
        #expect(fixture.store.snapshot().opportunity(id)?.isDeleted == false)
        try fixture.store.deleteOpportunity(id, by: user)
        fixture.clock.advance(seconds: 15 * 86_400 - 60)
        #expect(fixture.store.snapshot().opportunity(id) != nil)
        fixture.clock.advance(seconds: 120)
        #expect(fixture.store.snapshot().opportunity(id) == nil)
        #expect(fixture.store.statistics().deletedOpportunities == 0)
        #expect(fixture.store.snapshot().earliestDeletedDateAvailable > fixture.clock.now().adding(milliseconds: -16 * 86_400_000))
    }

    @Test func touchAndChangeNotifications() throws {
        let fixture = Fixture()
        let counter = Counter()
        fixture.store.onChange { counter.increment() }
        let result = try fixture.store.touchOpportunities(count: 20)
        #expect(result.ids.count == 20)
        #expect(Set(result.ids.compactMap { fixture.store.snapshot().opportunity($0)?.systemModstamp }) == [result.systemModstamp])
        #expect(counter.value == 1)
    }

    @Test func generatingManyOpportunitiesIsQuick() {
        var configuration = EmulatorConfiguration()
        configuration.opportunities = 100_000
        let clock = ContinuousClock()
        let started = clock.now
        let store = OrgStore(configuration: configuration, identity: OrgIdentity.seeded(1, credentials: .seeded(1)), clock: EmulatorClock(), stored: nil)
        let elapsed = clock.now - started
        #expect(store.statistics().liveOpportunities + store.statistics().deletedOpportunities == 100_000)
        // Debug builds are ~10× slower than release, where a million takes a few seconds.
        #expect(elapsed < .seconds(20))
    }
}

/// A thread-safe counter for callbacks.
final class Counter: Sendable {
    private let storage = Mutex(0)
    func increment() { storage.withLock { $0 += 1 } }
    var value: Int { storage.withLock { $0 } }
}
