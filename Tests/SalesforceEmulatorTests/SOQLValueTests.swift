import DealdeckCore
import Foundation
import SalesforceEmulator
import Testing

@Suite struct SOQLValueTests {
    @Test func comparesKindsTheWaySalesforceDoes() {
        #expect(SOQLValue.filterComparison(.number(2), .number(10)) == .orderedAscending)
        #expect(SOQLValue.filterComparison(.string("apple"), .string("APPLE")) == .orderedSame)
        #expect(SOQLValue.filterComparison(.string("Zebra"), .string("apple")) == .orderedDescending)
        #expect(SOQLValue.filterComparison(.boolean(false), .boolean(true)) == .orderedAscending)
        #expect(SOQLValue.filterComparison(.date(SOQLFixtures.date("2024-01-01")), .date(SOQLFixtures.date("2024-01-02"))) == .orderedAscending)
        #expect(
            SOQLValue.filterComparison(.dateTime(SOQLFixtures.timestamp("2024-01-01T00:00:01Z")), .dateTime(SOQLFixtures.timestamp("2024-01-01T00:00:00Z")))
                == .orderedDescending
        )
    }

    @Test func comparesADateWithADateTimesDay() {
        let date = SOQLValue.date(SOQLFixtures.date("2024-01-02"))
        #expect(SOQLValue.filterComparison(date, .dateTime(SOQLFixtures.timestamp("2024-01-02T23:00:00Z"))) == .orderedSame)
        #expect(SOQLValue.filterComparison(.dateTime(SOQLFixtures.timestamp("2024-01-01T23:00:00Z")), date) == .orderedAscending)
        // The total order breaks that tie (date first) so sorting stays consistent.
        #expect(SOQLValue.compare(date, .dateTime(SOQLFixtures.timestamp("2024-01-02T00:00:00Z"))) == .orderedAscending)
        #expect(SOQLValue.compare(.dateTime(SOQLFixtures.timestamp("2024-01-02T00:00:00Z")), date) == .orderedDescending)
    }

    @Test func unrelatedKindsDoNotCompareInFilters() {
        #expect(SOQLValue.filterComparison(.number(1), .string("1")) == nil)
        #expect(SOQLValue.filterComparison(.null, .null) == nil)
        #expect(SOQLValue.filterComparison(.null, .number(1)) == nil)
    }

    @Test func theTotalOrderRanksKinds() {
        #expect(SOQLValue.compare(.null, .boolean(false)) == .orderedAscending)
        #expect(SOQLValue.compare(.boolean(true), .number(-5)) == .orderedAscending)
        #expect(SOQLValue.compare(.number(5), .string("")) == .orderedAscending)
        #expect(SOQLValue.compare(.string("z"), .date(SOQLFixtures.date("1970-01-01"))) == .orderedAscending)
        #expect(SOQLValue.compare(.null, .null) == .orderedSame)
    }

    @Test func comparesTextIgnoringCaseBeyondAscii() {
        #expect(SOQLValue.compareIgnoringCase("ÉCLAIR", "éclair") == .orderedSame)
        #expect(SOQLValue.compareIgnoringCase("eclair", "Éclair") == .orderedAscending)
        #expect(SOQLValue.compareIgnoringCase("abc", "ABCD") == .orderedAscending)
        #expect(SOQLValue.compareIgnoringCase("b", "A") == .orderedDescending)
        #expect(SOQLValue.equalIgnoringCase("Straße", "STRASSE") == false)
        #expect(SOQLValue.equalIgnoringCase("Mixed Case", "mIXED cASE"))
    }

    @Test func describesValuesAsLiterals() {
        #expect(SOQLValue.null.description == "null")
        #expect(SOQLValue.number(5).description == "5")
        #expect(SOQLValue.number(2.5).description == "2.5")
        #expect(SOQLValue.string("a").description == "'a'")
        #expect(SOQLValue.dateTime(SOQLFixtures.timestamp("2024-01-02T03:04:05Z")).description == "2024-01-02T03:04:05.000Z")
        #expect(SOQLValue.date(SOQLFixtures.date("2024-01-02")).description == "2024-01-02")
    }

    @Test func likePatternsHandleWildcardsAndEscapes() {
        #expect(SOQLLikePattern(raw: "a%c").matches("ABC"))
        #expect(SOQLLikePattern(raw: "a%c").matches("ac"))
        #expect(!SOQLLikePattern(raw: "a%c").matches("acd"))
        #expect(SOQLLikePattern(raw: "a_c").matches("abc"))
        #expect(!SOQLLikePattern(raw: "a_c").matches("ac"))
        #expect(SOQLLikePattern(raw: "%a%a%a%").matches("banana split a"))
        #expect(!SOQLLikePattern(raw: "%a%a%a%a%").matches("banana"))
        #expect(SOQLLikePattern(raw: #"50\%"#).matches("50%"))
        #expect(!SOQLLikePattern(raw: #"50\%"#).matches("500"))
        #expect(SOQLLikePattern(raw: #"a\_b"#).matches("a_b"))
        #expect(!SOQLLikePattern(raw: #"a\_b"#).matches("axb"))
        #expect(SOQLLikePattern(raw: #"back\\slash"#).matches(#"back\slash"#))
        #expect(SOQLLikePattern(raw: #"it\'s%"#).matches("It's here"))
        #expect(SOQLLikePattern(raw: "_").matches("é"))
        #expect(SOQLLikePattern(raw: "%ÉTÉ").matches("un bel été"))
        #expect(SOQLLikePattern(raw: "").matches(""))
        #expect(!SOQLLikePattern(raw: "").matches("x"))
    }
}
