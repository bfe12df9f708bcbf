import DealdeckCore
import Foundation
import Testing

@Suite struct OpportunityFilterTests {
    @Test func typedTermsParse() throws {
        let filter = try OpportunityFilter(parsing: "stage:negotiation owner:jane amount>50000 close<30d acme")
        #expect(filter.terms == [
            .init(.contains(.stage, "negotiation")), .init(.contains(.owner, "jane")),
            .init(.amount(.greater, 50000)), .init(.closeDate(.less, .daysFromToday(30))), .init(.text("acme")),
        ])
    }

    @Test func quotesNegationAndShorthands() throws {
        let filter = try OpportunityFilter(parsing: "account:\"Acme Corp\" -status:closed amount>=1.5m prob>=50% close>=2025-01-31")
        #expect(filter.terms == [
            .init(.contains(.account, "Acme Corp")), .init(.status(.closed), negated: true),
            .init(.amount(.greaterOrEqual, 1_500_000)), .init(.probability(.greaterOrEqual, 50)),
            .init(.closeDate(.greaterOrEqual, .absolute(try #require(CalendarDate("2025-01-31"))))),
        ])
    }

    @Test func badTermsSayWhatIsWrong() {
        #expect(throws: OpportunityQueryError.badNumber(term: "amount>lots")) { try OpportunityFilter(parsing: "amount>lots") }
        #expect(throws: OpportunityQueryError.badDate(term: "close<soon")) { try OpportunityFilter(parsing: "close<soon") }
        #expect(throws: OpportunityQueryError.unknownFilterKey("colour:red")) { try OpportunityFilter(parsing: "colour:red") }
        #expect(throws: OpportunityQueryError.badStatus(term: "status:maybe")) { try OpportunityFilter(parsing: "status:maybe") }
        #expect(throws: OpportunityQueryError.emptyValue(term: "stage:")) { try OpportunityFilter(parsing: "stage:") }
    }

    @Test func sortKeys() throws {
        #expect(try OpportunitySort(parsing: "amount:desc") == OpportunitySort(field: .amount, descending: true))
        #expect(try OpportunitySort(parsing: "close_date") == OpportunitySort(field: .closeDate))
        #expect(throws: OpportunityQueryError.unknownSortField("colour")) { try OpportunitySort(parsing: "colour") }
        #expect(throws: OpportunityQueryError.unknownSortDirection("amount:up")) { try OpportunitySort(parsing: "amount:up") }
    }

    @Test func relativeDatesResolveAgainstToday() throws {
        let today = try #require(CalendarDate("2025-01-01"))
        #expect(OpportunityFilter.DateOperand.daysFromToday(30).resolved(today: today).description == "2025-01-31")
    }
}
