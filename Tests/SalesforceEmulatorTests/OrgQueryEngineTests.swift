import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The remembered ORDER BY order gives exactly what sorting afresh gives.
@Suite struct OrgQueryEngineTests {
    static func ids(_ outcome: OrgQueryEngine.Outcome?) -> [String] {
        guard case .opportunities(let rows) = outcome?.rows else { return [] }
        return rows.map(\.id.rawValue)
    }

    @Test func cachedOrderMatchesAFreshSort() throws {
        let fixture = OrgStoreTests.Fixture(count: 3000)
        let engine = OrgQueryEngine(schema: fixture.store.schema)
        let now = fixture.clock.now()
        let warmUp = try engine.resolve("SELECT Id FROM Opportunity ORDER BY SystemModstamp DESC, Id")
        _ = engine.run(warmUp, on: fixture.store.snapshot(), includeDeleted: false, now: now)
        let queries = [
            "SELECT Id FROM Opportunity WHERE StageName != 'Closed Won' ORDER BY SystemModstamp DESC, Id LIMIT 1500 OFFSET 20",
            "SELECT Id FROM Opportunity ORDER BY SystemModstamp DESC, Id",
            "SELECT Id FROM Opportunity WHERE Amount > 100000 ORDER BY SystemModstamp DESC, Id OFFSET 7",
        ]
        // queryAll after query with the same ordering: the remembered orders (which leave out
        // what their query excludes) must not mix.
        for (text, includeDeleted) in queries.map({ ($0, false) }) + queries.map({ ($0, true) }) {
            let query = try engine.resolve(text)
            let snapshot = fixture.store.snapshot()
            let cached = Self.ids(engine.run(query, on: snapshot, includeDeleted: includeDeleted, now: now))
            let fresh = Self.ids(OrgQueryEngine(schema: fixture.store.schema).run(query, on: snapshot, includeDeleted: includeDeleted, now: now))
            let live = snapshot.opportunities.filter { includeDeleted || !$0.isDeleted }
            let evaluator = SOQLEvaluator<OpportunityRecord>(query: query, now: now) { path in
                engine.reader(for: path, from: .opportunity, parents: snapshot.parentsOnly)
            }
            let reference = evaluator.execute(live).records.map(\.id.rawValue)
            #expect(cached == reference, "\(text) \(includeDeleted)")
            #expect(fresh == reference, "\(text) \(includeDeleted)")
            #expect(!reference.isEmpty)
        }
        // A write changes the version: the next query sorts again and sees the write.
        let first = try #require(fixture.store.snapshot().opportunities.first { !$0.isDeleted })
        _ = try fixture.store.touchOpportunities(count: 0, ids: [first.id], at: SalesforceTimestamp(millisecondsSinceEpoch: 4_102_444_800_000))
        let after = Self.ids(engine.run(warmUp, on: fixture.store.snapshot(), includeDeleted: false, now: now))
        #expect(after.first == first.id.rawValue)
    }
}
