import DealdeckCore
import Foundation
import SalesforceEmulator
import Testing

/// Checks the engine's fast sort (encoded first keys, tie refinement, top-k for small pages)
/// against a plain stable sort over `SOQLValue.compare` on data full of ties and nulls.
@Suite struct SOQLSortingTests {
    /// SplitMix64, so every run sees the same data.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    struct Row {
        var id: String
        var name: String?
        var amount: Double?
        var modstamp: SalesforceTimestamp
        var isDeleted: Bool?
    }

    static let schema = SOQLSchema(objects: [
        SOQLObjectSchema(
            name: "Opportunity",
            fields: [
                SOQLFieldSchema(name: "Id", type: .id), SOQLFieldSchema(name: "Name", type: .string),
                SOQLFieldSchema(name: "Amount", type: .currency), SOQLFieldSchema(name: "SystemModstamp", type: .dateTime),
                SOQLFieldSchema(name: "IsDeleted", type: .boolean),
            ]
        )
    ])

    static func value(_ row: Row, _ path: SOQLFieldPath) -> SOQLValue {
        switch path.fieldName {
        case "Id": return .string(row.id)
        case "Name": return row.name.map(SOQLValue.string) ?? .null
        case "Amount": return row.amount.map(SOQLValue.number) ?? .null
        case "SystemModstamp": return .dateTime(row.modstamp)
        default: return .boolean(row.isDeleted ?? false)
        }
    }

    static func rows(count: Int, generator: inout SeededGenerator) -> [Row] {
        let names: [String?] = [nil, "alpha", "Alpha", "ALPHA", "beta", "", "zeta", "éclair", "Éclair", "eclair",
                                "0065e00000AbCdEFG1", "0065e00000abcdefg2", "0065e00000ABCDEFG"]
        let amounts: [Double?] = [nil, 0, -0.0, 1, 2.5, -3, 100, -1e9, 1e12]
        return (0..<count).map { index in
            Row(
                id: SalesforceID(keyPrefix: "006", pod: "5e", number: Int.random(in: 0..<1_000_000, using: &generator)).rawValue,
                name: names.randomElement(using: &generator) ?? nil,
                amount: amounts.randomElement(using: &generator) ?? nil,
                modstamp: SalesforceTimestamp(millisecondsSinceEpoch: 1_700_000_000_000 + Int64.random(in: 0..<40, using: &generator) * 1000),
                isDeleted: [true, false, nil].randomElement(using: &generator) ?? nil
            )
        }
    }

    /// The specification: a stable sort by each key, nulls placed explicitly.
    static func reference(_ rows: [Row], _ query: SOQLResolvedQuery) -> [Int] {
        let order = Array(rows.indices).sorted { left, right in
            for ordering in query.ordering {
                var leftValue = value(rows[left], ordering.field.path)
                var rightValue = value(rows[right], ordering.field.path)
                if ordering.field.type == .boolean {
                    if leftValue.isNull { leftValue = .boolean(false) }
                    if rightValue.isNull { rightValue = .boolean(false) }
                }
                switch (leftValue.isNull, rightValue.isNull) {
                case (true, true): continue
                case (true, false): return ordering.nullsFirst
                case (false, true): return !ordering.nullsFirst
                case (false, false):
                    var result = SOQLValue.compare(leftValue, rightValue)
                    if ordering.field.type == .id, case .string(let leftId) = leftValue, case .string(let rightId) = rightValue {
                        result = leftId == rightId ? .orderedSame : (leftId < rightId ? .orderedAscending : .orderedDescending)
                    }
                    if result == .orderedSame { continue }
                    return (result == .orderedAscending) != ordering.descending
                }
            }
            return left < right
        }
        let skipped = order.dropFirst(query.offset ?? 0)
        return Array(skipped.prefix(query.limit ?? Int.max))
    }

    @Test func matchesAPlainStableSort() throws {
        var generator = SeededGenerator(state: 42)
        let rows = Self.rows(count: 1200, generator: &generator)
        let fields = ["Amount", "Name", "SystemModstamp", "Id", "IsDeleted"]
        let directions = ["", " ASC", " DESC", " NULLS FIRST", " DESC NULLS FIRST", " ASC NULLS LAST"]
        let pages = ["", " LIMIT 5", " LIMIT 100 OFFSET 7", " LIMIT 1199", " OFFSET 1000", " LIMIT 1"]
        for round in 0..<48 {
            let keyCount = 1 + round % 3
            var keys: [String] = []
            for _ in 0..<keyCount {
                let field = fields.randomElement(using: &generator) ?? "Id"
                if keys.contains(where: { $0.hasPrefix(field + " ") || $0 == field }) { continue }
                keys.append(field + (directions.randomElement(using: &generator) ?? ""))
            }
            let text = "SELECT Id FROM Opportunity ORDER BY " + keys.joined(separator: ", ") + pages[round % pages.count]
            let query = try Self.schema.resolve(text)
            let evaluator = SOQLEvaluator<Row>(query: query, now: SOQLFixtures.now) { path in { Self.value($0, path) } }
            #expect(evaluator.executeIndices(rows).records == Self.reference(rows, query), "\(text)")
        }
    }

    @Test func breaksTimestampTiesById() throws {
        var generator = SeededGenerator(state: 7)
        let rows = Self.rows(count: 500, generator: &generator)
        let query = try Self.schema.resolve("SELECT Id FROM Opportunity WHERE SystemModstamp >= 2023-11-14T22:13:30Z ORDER BY SystemModstamp, Id")
        let result = query.execute(rows, now: SOQLFixtures.now, value: Self.value).records
        #expect(!result.isEmpty)
        for (earlier, later) in zip(result, result.dropFirst()) {
            #expect(earlier.modstamp <= later.modstamp)
            if earlier.modstamp == later.modstamp { #expect(earlier.id < later.id) }
        }
        #expect(result.allSatisfy { $0.modstamp >= SOQLFixtures.timestamp("2023-11-14T22:13:30Z") })
        #expect(result.count == rows.filter { $0.modstamp >= SOQLFixtures.timestamp("2023-11-14T22:13:30Z") }.count)
    }

    @Test func sortsOddValuesWithTheGeneralOrder() throws {
        // A record source that returns a string for a number field still sorts, by kind.
        let query = try Self.schema.resolve("SELECT Id FROM Opportunity ORDER BY Amount")
        let values: [SOQLValue] = [.number(3), .string("x"), .null, .number(-1)]
        let evaluator = SOQLEvaluator<Int>(query: query, now: SOQLFixtures.now) { _ in { values[$0] } }
        #expect(evaluator.order([0, 1, 2, 3]) == [2, 3, 0, 1])
    }

    @Test func handlesALargeStoreQuickly() throws {
        // Not a benchmark (debug builds are slow); a guard against accidentally quadratic work.
        let count = 100_000
        let modstamps = (0..<count).map { SalesforceTimestamp(millisecondsSinceEpoch: 1_700_000_000_000 + Int64(($0 &* 7919) % 100_000) * 1000) }
        let ids = (0..<count).map { SalesforceID(keyPrefix: "006", pod: "5e", number: $0).rawValue }
        let query = try Self.schema.resolve("SELECT Id FROM Opportunity WHERE SystemModstamp >= 2023-11-14T22:30:00Z ORDER BY SystemModstamp, Id")
        let evaluator = SOQLEvaluator<Int>(query: query, now: SOQLFixtures.now) { path in
            path.fieldName == "Id" ? { .string(ids[$0]) } : { .dateTime(modstamps[$0]) }
        }
        let start = ContinuousClock.now
        let result = evaluator.execute(0..<count)
        let elapsed = ContinuousClock.now - start
        #expect(result.totalSize == modstamps.filter { $0 >= SOQLFixtures.timestamp("2023-11-14T22:30:00Z") }.count)
        #expect(zip(result.records, result.records.dropFirst()).allSatisfy { modstamps[$0] < modstamps[$1] || (modstamps[$0] == modstamps[$1] && ids[$0] < ids[$1]) })
        #expect(elapsed < .seconds(30))
    }
}
