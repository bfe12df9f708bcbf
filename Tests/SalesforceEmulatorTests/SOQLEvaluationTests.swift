import DealdeckCore
import SalesforceEmulator
import Testing

@Suite struct SOQLEvaluationTests {
    typealias Opportunity = SOQLFixtures.Opportunity

    /// Five opportunities around "now" (Friday 2024-03-15 12:00 UTC).
    static let records: [Opportunity] = [
        Opportunity(
            id: SOQLFixtures.id(1), name: "Acme Widgets", amount: 500, stage: "Prospecting",
            closeDate: SOQLFixtures.date("2024-03-15"), createdDate: SOQLFixtures.timestamp("2024-03-15T23:59:59Z"),
            systemModstamp: SOQLFixtures.timestamp("2024-03-01T00:00:00Z"), isDeleted: false, competitors: "Globex;Initech",
            account: SOQLFixtures.Account(name: "Acme Corp", industry: "Technology", ownerName: "Jane"), ownerName: "Jane Rep"
        ),
        Opportunity(
            id: SOQLFixtures.id(2), name: "Globex deal", amount: nil, stage: "Closed Won",
            closeDate: SOQLFixtures.date("2024-03-14"), createdDate: SOQLFixtures.timestamp("2024-03-16T00:00:00Z"),
            systemModstamp: SOQLFixtures.timestamp("2024-03-02T00:00:00Z"), isDeleted: true, ownerName: "Bob"
        ),
        Opportunity(
            id: SOQLFixtures.id(3), name: "initech 100% renewal", amount: 1500.5, stage: "Negotiation/Review",
            closeDate: SOQLFixtures.date("2024-03-12"), createdDate: SOQLFixtures.timestamp("2024-03-10T08:00:00Z"),
            systemModstamp: SOQLFixtures.timestamp("2024-03-01T00:00:00Z"), isDeleted: nil, competitors: "initech",
            account: SOQLFixtures.Account(name: "Initech")
        ),
        Opportunity(
            id: SOQLFixtures.id(4), name: "Under_score", amount: 0, stage: "Closed Lost",
            closeDate: SOQLFixtures.date("2024-03-18"), systemModstamp: SOQLFixtures.timestamp("2024-02-01T00:00:00Z"),
            isDeleted: false, competitors: "Umbrella",
            account: SOQLFixtures.Account(name: "Acme Corp", industry: "Technology"), ownerName: "Jane Rep"
        ),
        Opportunity(
            id: SOQLFixtures.id(5), name: "Café Noir", amount: 500, stage: "Prospecting",
            closeDate: SOQLFixtures.date("2024-03-16"), createdDate: SOQLFixtures.timestamp("2024-03-15T00:00:00Z"),
            systemModstamp: SOQLFixtures.timestamp("2024-03-03T00:00:00Z"), isDeleted: false,
            account: SOQLFixtures.Account(name: "café society", industry: "Food")
        ),
    ]

    private static let A = "Acme Widgets", B = "Globex deal", C = "initech 100% renewal", D = "Under_score", E = "Café Noir"

    private func selected(_ whereClause: String) throws -> [String] {
        try SOQLFixtures.names("SELECT Name FROM Opportunity WHERE " + whereClause, Self.records)
    }

    private func ordered(_ suffix: String) throws -> [String] {
        try SOQLFixtures.names("SELECT Name FROM Opportunity " + suffix, Self.records)
    }

    // MARK: WHERE

    @Test func comparesNumbers() throws {
        #expect(try selected("Amount > 400") == [Self.A, Self.C, Self.E])
        #expect(try selected("Amount >= 500") == [Self.A, Self.C, Self.E])
        #expect(try selected("Amount < 500") == [Self.D])
        #expect(try selected("Amount <= 500") == [Self.A, Self.D, Self.E])
        #expect(try selected("Amount = 1500.5") == [Self.C])
        #expect(try selected("Amount > -1") == [Self.A, Self.C, Self.D, Self.E])
    }

    @Test func treatsNullsTheWaySalesforceDoes() throws {
        #expect(try selected("Amount = null") == [Self.B])
        #expect(try selected("Amount != null") == [Self.A, Self.C, Self.D, Self.E])
        // `!=` keeps records without a value; ordering comparisons never match them.
        #expect(try selected("Amount != 500") == [Self.B, Self.C, Self.D])
        #expect(try selected("NOT (Amount > 400)") == [Self.B, Self.D])
        #expect(try selected("Account.Name = null") == [Self.B])
        #expect(try selected("Account.Industry != 'Technology'") == [Self.B, Self.C, Self.E])
        #expect(try selected("Owner.Name = 'jane rep'") == [Self.A, Self.D])
    }

    @Test func filtersOnIsDeleted() throws {
        #expect(try selected("IsDeleted = true") == [Self.B])
        // A missing checkbox reads as false.
        #expect(try selected("IsDeleted = false") == [Self.A, Self.C, Self.D, Self.E])
        #expect(try selected("IsDeleted = null") == [Self.A, Self.C, Self.D, Self.E])
        #expect(try selected("IsDeleted != false") == [Self.B])
    }

    @Test func comparesTextIgnoringCase() throws {
        #expect(try selected("StageName = 'prospecting'") == [Self.A, Self.E])
        #expect(try selected("Name > 'h'") == [Self.C, Self.D])
        #expect(try selected("Name = 'CAFÉ NOIR'") == [Self.E])
        #expect(try selected("Account.Name = 'CAFÉ SOCIETY'") == [Self.E])
    }

    @Test func comparesIdsExactly() throws {
        #expect(try selected("Id = '\(SOQLFixtures.id(3).lowercased())'") == [Self.C])
        #expect(try selected("Id = '\(SOQLFixtures.id(3).prefix(15))'") == [Self.C])
        #expect(try selected("Id > '\(SOQLFixtures.id(3))'") == [Self.D, Self.E])
        #expect(try selected("Id != '\(SOQLFixtures.id(3))'").count == 4)
        // Ids order as minted, in byte order: 'Z' sorts before 'a'.
        let upper = SalesforceID(keyPrefix: "006", pod: "5e", number: 35).rawValue
        let lower = SalesforceID(keyPrefix: "006", pod: "5e", number: 36).rawValue
        let records = [Opportunity(id: lower, name: "lower", amount: nil), Opportunity(id: upper, name: "upper", amount: nil)]
        #expect(try SOQLFixtures.names("SELECT Name FROM Opportunity ORDER BY Id", records) == ["upper", "lower"])
        #expect(try SOQLFixtures.names("SELECT Name FROM Opportunity WHERE Id > '\(upper)'", records) == ["lower"])
    }

    @Test func matchesLikePatterns() throws {
        #expect(try selected("Name LIKE 'acme%'") == [Self.A])
        #expect(try selected("Name LIKE '%DEAL'") == [Self.B])
        #expect(try selected("Name LIKE '_lobex%'") == [Self.B])
        #expect(try selected("Name LIKE '%\\_%'") == [Self.D])
        #expect(try selected("Name LIKE '%100\\%%'") == [Self.C])
        #expect(try selected("Name LIKE '%00%'") == [Self.C])
        #expect(try selected("Name LIKE 'café%'") == [Self.E])
        #expect(try selected("Name LIKE 'caf_ noir'") == [Self.E])
        #expect(try selected("Name LIKE '%'").count == 5)
        #expect(try selected("Name LIKE 'Acme'").isEmpty)
        #expect(try selected("NOT Name LIKE '%e%'") == [Self.E])
    }

    @Test func matchesLists() throws {
        #expect(try selected("StageName IN ('closed won', 'Closed Lost')") == [Self.B, Self.D])
        #expect(try selected("StageName NOT IN ('Prospecting')") == [Self.B, Self.C, Self.D])
        #expect(try selected("Amount IN (0, 1500.5)") == [Self.C, Self.D])
        #expect(try selected("Amount IN (null, 0)") == [Self.B, Self.D])
        #expect(try selected("Amount NOT IN (500)") == [Self.B, Self.C, Self.D])
        #expect(try selected("Id IN ('\(SOQLFixtures.id(2).prefix(15))')") == [Self.B])
    }

    @Test func matchesMultiSelectPicklists() throws {
        #expect(try selected("Competitors__c INCLUDES ('initech')") == [Self.A, Self.C])
        #expect(try selected("Competitors__c INCLUDES ('Globex;initech')") == [Self.A])
        #expect(try selected("Competitors__c INCLUDES ('Globex;Umbrella', 'umbrella')") == [Self.D])
        #expect(try selected("Competitors__c EXCLUDES ('Globex')") == [Self.B, Self.C, Self.D, Self.E])
    }

    @Test func combinesConditions() throws {
        #expect(try selected("Amount >= 500 AND StageName = 'Prospecting'") == [Self.A, Self.E])
        #expect(try selected("Amount = 0 OR IsDeleted = true OR Name LIKE 'caf%'") == [Self.B, Self.D, Self.E])
        #expect(try selected("(Amount = 0 OR IsDeleted = true) AND Account.Name != null") == [Self.D])
        #expect(try selected("Amount = 0 OR (IsDeleted = true AND Account.Name != null)") == [Self.D])
        #expect(try selected("NOT (Amount = 0 OR IsDeleted = true)") == [Self.A, Self.C, Self.E])
    }

    @Test func appliesPrecedenceWhenLenient() throws {
        let query = try SOQLFixtures.schema.resolve(
            "SELECT Name FROM Opportunity WHERE Amount = 0 OR IsDeleted = true AND Account.Name != null",
            options: SOQLParserOptions(requiresParenthesesForMixedLogic: false)
        )
        // Amount = 0 OR (IsDeleted = true AND Account.Name != null)
        let names = query.execute(Self.records, now: SOQLFixtures.now, value: SOQLFixtures.value).records.map(\.name)
        #expect(names == [Self.D])
    }

    @Test func comparesDatesAndDateTimes() throws {
        #expect(try selected("CloseDate >= 2024-03-15") == [Self.A, Self.D, Self.E])
        #expect(try selected("CloseDate = 2024-03-14") == [Self.B])
        #expect(try selected("CreatedDate >= 2024-03-15T23:59:59Z") == [Self.A, Self.B])
        #expect(try selected("CreatedDate = 2024-03-16T01:00:00+01:00") == [Self.B])
        #expect(try selected("CreatedDate < 2024-03-15T00:00:00.001Z") == [Self.C, Self.E])
        #expect(try selected("SystemModstamp >= 2024-03-01T00:00:00Z") == [Self.A, Self.B, Self.C, Self.E])
        #expect(try selected("SystemModstamp > 2024-03-01T00:00:00Z") == [Self.B, Self.E])
        #expect(try selected("CreatedDate = null") == [Self.D])
    }

    @Test func evaluatesRelativeDatesAgainstNow() throws {
        #expect(try selected("CloseDate = TODAY") == [Self.A])
        #expect(try selected("CloseDate = YESTERDAY") == [Self.B])
        #expect(try selected("CloseDate = TOMORROW") == [Self.E])
        #expect(try selected("CloseDate < TODAY") == [Self.B, Self.C])
        #expect(try selected("CloseDate <= TODAY") == [Self.A, Self.B, Self.C])
        #expect(try selected("CloseDate > TODAY") == [Self.D, Self.E])
        #expect(try selected("CloseDate >= TODAY") == [Self.A, Self.D, Self.E])
        #expect(try selected("CloseDate != TODAY") == [Self.B, Self.C, Self.D, Self.E])
        // LAST_N_DAYS:n covers today and the n days before it.
        #expect(try selected("CloseDate = LAST_N_DAYS:2") == [Self.A, Self.B])
        #expect(try selected("CloseDate = LAST_N_DAYS:3") == [Self.A, Self.B, Self.C])
        // NEXT_N_DAYS:n starts tomorrow.
        #expect(try selected("CloseDate = NEXT_N_DAYS:2") == [Self.E])
        #expect(try selected("CloseDate = NEXT_N_DAYS:3") == [Self.D, Self.E])
        #expect(try selected("CloseDate = THIS_WEEK") == [Self.A, Self.B, Self.C, Self.E])
        #expect(try selected("CloseDate = NEXT_WEEK") == [Self.D])
        #expect(try selected("CloseDate = THIS_MONTH").count == 5)
        #expect(try selected("CloseDate = LAST_MONTH").isEmpty)
        #expect(try selected("CloseDate = THIS_YEAR").count == 5)
    }

    @Test func relativeDatesCoverWholeUtcDaysOfDateTimes() throws {
        #expect(try selected("CreatedDate = TODAY") == [Self.A, Self.E])
        #expect(try selected("CreatedDate > TODAY") == [Self.B])
        #expect(try selected("CreatedDate < TODAY") == [Self.C])
        #expect(try selected("CreatedDate = LAST_N_DAYS:5") == [Self.A, Self.C, Self.E])
        #expect(try selected("CreatedDate = TOMORROW") == [Self.B])
    }

    @Test func relativeDateRangesFollowTheCalendar() {
        let today = SOQLFixtures.date("2024-03-15")
        func span(_ literal: SOQLRelativeDate) -> [String] {
            let days = literal.days(today: today)
            return [CalendarDate(daysSinceEpoch: days.lowerBound).description, CalendarDate(daysSinceEpoch: days.upperBound - 1).description]
        }
        #expect(span(.today) == ["2024-03-15", "2024-03-15"])
        #expect(span(.lastNDays(7)) == ["2024-03-08", "2024-03-15"])
        #expect(span(.nextNDays(7)) == ["2024-03-16", "2024-03-22"])
        #expect(span(.thisWeek) == ["2024-03-10", "2024-03-16"])
        #expect(span(.lastWeek) == ["2024-03-03", "2024-03-09"])
        #expect(span(.lastMonth) == ["2024-02-01", "2024-02-29"])
        #expect(span(.nextMonth) == ["2024-04-01", "2024-04-30"])
        #expect(span(.lastYear) == ["2023-01-01", "2023-12-31"])
        #expect(SOQLRelativeDate.lastMonth.days(today: SOQLFixtures.date("2024-01-10")) == SOQLFixtures.date("2023-12-01").daysSinceEpoch..<SOQLFixtures.date("2024-01-01").daysSinceEpoch)
    }

    // MARK: ORDER BY, OFFSET, LIMIT

    @Test func ordersNullsFirstAscendingAndLastDescending() throws {
        #expect(try ordered("ORDER BY Amount") == [Self.B, Self.D, Self.A, Self.E, Self.C])
        #expect(try ordered("ORDER BY Amount DESC") == [Self.C, Self.A, Self.E, Self.D, Self.B])
        #expect(try ordered("ORDER BY Amount ASC NULLS LAST") == [Self.D, Self.A, Self.E, Self.C, Self.B])
        #expect(try ordered("ORDER BY Amount DESC NULLS FIRST") == [Self.B, Self.C, Self.A, Self.E, Self.D])
    }

    @Test func ordersByEveryKeyInTurn() throws {
        #expect(try ordered("ORDER BY Amount DESC, Name DESC") == [Self.C, Self.E, Self.A, Self.D, Self.B])
        #expect(try ordered("ORDER BY SystemModstamp, Name DESC") == [Self.D, Self.C, Self.A, Self.B, Self.E])
        #expect(try ordered("ORDER BY Account.Name NULLS LAST, Name") == [Self.A, Self.D, Self.E, Self.C, Self.B])
        #expect(try ordered("ORDER BY IsDeleted DESC, CloseDate") == [Self.B, Self.C, Self.A, Self.E, Self.D])
    }

    @Test func ordersTextIgnoringCase() throws {
        #expect(try ordered("ORDER BY Name") == [Self.A, Self.E, Self.B, Self.C, Self.D])
        #expect(try ordered("ORDER BY Name DESC") == [Self.D, Self.C, Self.B, Self.E, Self.A])
    }

    @Test func keepsInputOrderForTies() throws {
        #expect(try ordered("ORDER BY StageName") == [Self.D, Self.B, Self.C, Self.A, Self.E])
        #expect(try ordered("ORDER BY Account.Industry DESC") == [Self.A, Self.D, Self.E, Self.B, Self.C])
    }

    @Test func appliesOffsetAndLimit() throws {
        let query = try SOQLFixtures.resolve("SELECT Name FROM Opportunity ORDER BY Name LIMIT 2 OFFSET 1")
        let result = query.execute(Self.records, now: SOQLFixtures.now, value: SOQLFixtures.value)
        #expect(result.records.map(\.name) == [Self.E, Self.B])
        #expect(result.totalSize == 2)
        #expect(result.count == nil)
        #expect(try ordered("LIMIT 2") == [Self.A, Self.B])
        #expect(try ordered("LIMIT 2 OFFSET 4") == [Self.E])
        #expect(try ordered("LIMIT 0").isEmpty)
        #expect(try ordered("OFFSET 10").isEmpty)
        #expect(try ordered("ORDER BY Name OFFSET 3") == [Self.C, Self.D])
        #expect(try selected("Amount != null ORDER BY Amount DESC LIMIT 3") == [Self.C, Self.A, Self.E])
    }

    @Test func countsWithoutReturningRecords() throws {
        let count = try SOQLFixtures.resolve("SELECT COUNT() FROM Opportunity WHERE Amount > 400")
            .execute(Self.records, now: SOQLFixtures.now, value: SOQLFixtures.value)
        #expect(count.records.isEmpty)
        #expect(count.totalSize == 3)
        #expect(count.count == 3)
        let limited = try SOQLFixtures.resolve("SELECT COUNT() FROM Opportunity LIMIT 2")
            .execute(Self.records, now: SOQLFixtures.now, value: SOQLFixtures.value)
        #expect(limited.totalSize == 2)
        let countOf = try SOQLFixtures.resolve("SELECT COUNT(Amount) FROM Opportunity")
            .execute(Self.records, now: SOQLFixtures.now, value: SOQLFixtures.value)
        #expect(countOf.count == 4)
        #expect(countOf.totalSize == 1)
        #expect(countOf.records.isEmpty)
    }

    // MARK: Entry points

    @Test func testsSingleRecords() throws {
        let query = try SOQLFixtures.resolve("SELECT Id FROM Opportunity WHERE IsDeleted = true")
        #expect(query.matches(Self.records[1], now: SOQLFixtures.now, value: SOQLFixtures.value))
        #expect(!query.matches(Self.records[0], now: SOQLFixtures.now, value: SOQLFixtures.value))
        let everything = try SOQLFixtures.resolve("SELECT Id FROM Opportunity")
        #expect(everything.matches(Self.records[0], now: SOQLFixtures.now, value: SOQLFixtures.value))
    }

    @Test func ordersWithoutFiltering() throws {
        let query = try SOQLFixtures.resolve("SELECT Id FROM Opportunity WHERE Amount > 1000 ORDER BY CloseDate DESC")
        #expect(query.order(Self.records, value: SOQLFixtures.value).map(\.name) == [Self.D, Self.E, Self.A, Self.B, Self.C])
    }

    @Test func answersWithIndicesForLargeStores() throws {
        let query = try SOQLFixtures.resolve("SELECT Id FROM Opportunity WHERE Amount != null ORDER BY Amount DESC")
        let evaluator = SOQLEvaluator<Opportunity>(query: query, now: SOQLFixtures.now) { path in
            { SOQLFixtures.value($0, path) }
        }
        #expect(evaluator.executeIndices(Self.records).records == [2, 0, 4, 3])
        #expect(evaluator.executeIndices(Self.records[2...]).records == [2, 4, 3])
    }

    @Test func evaluatesOverRowPositions() throws {
        let query = try SOQLFixtures.resolve("SELECT Name FROM Opportunity WHERE SystemModstamp >= 2024-03-01T00:00:00Z ORDER BY SystemModstamp, Id")
        let store = Self.records
        let evaluator = SOQLEvaluator<Int>(query: query, now: SOQLFixtures.now) { path in
            { SOQLFixtures.value(store[$0], path) }
        }
        #expect(evaluator.execute(0..<store.count).records == [0, 2, 1, 4])
    }

    @Test func takesACallerKeyPerPath() throws {
        enum Column { case name, amount, other }
        var resolved: [SOQLFieldPath] = []
        let query = try SOQLFixtures.resolve("SELECT Name FROM Opportunity WHERE Amount > 400 ORDER BY Amount, Name")
        let evaluator = SOQLEvaluator<Opportunity>(
            query: query, now: SOQLFixtures.now,
            resolve: { path -> Column in
                resolved.append(path)
                return path.description == "Name" ? .name : (path.description == "Amount" ? .amount : .other)
            },
            value: { record, column in
                switch column {
                case .name: return .string(record.name)
                case .amount: return record.amount.map(SOQLValue.number) ?? .null
                case .other: return .null
                }
            }
        )
        // SELECT-only fields are not asked for: evaluation never reads them.
        #expect(resolved == [SOQLFieldPath(["Amount"]), SOQLFieldPath(["Name"])])
        #expect(evaluator.execute(Self.records).records.map(\.name) == [Self.A, Self.E, Self.C])
    }
}
