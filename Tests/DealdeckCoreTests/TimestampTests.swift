import DealdeckCore
import Testing

@Suite struct TimestampTests {
    @Test func wireFormIsSalesforces() throws {
        let timestamp = try #require(SalesforceTimestamp("2024-01-02T03:04:05.000+0000"))
        #expect(timestamp.description == "2024-01-02T03:04:05.000+0000")
        #expect(timestamp.soqlLiteral == "2024-01-02T03:04:05.000Z")
    }

    @Test(arguments: [
        "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000Z", "2024-01-02T03:04:05+00:00", "2024-01-02T04:04:05+01:00",
        "2024-01-02T02:04:05-0100", "2024-01-02T03:04:05.000+0000",
    ])
    func everyAcceptedFormMeansTheSameInstant(text: String) throws {
        let timestamp = try #require(SalesforceTimestamp(text))
        #expect(timestamp.description == "2024-01-02T03:04:05.000+0000")
    }

    @Test func millisecondsSurvive() throws {
        let timestamp = try #require(SalesforceTimestamp("1999-12-31T23:59:59.987Z"))
        #expect(timestamp.millisecondsSinceEpoch == 946_684_799_987)
        #expect(timestamp.description == "1999-12-31T23:59:59.987+0000")
    }

    @Test(arguments: ["2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-02 03:04:05", "2024-01-02T03:04:05.Z", "yesterday"])
    func invalidTextIsRejected(text: String) {
        #expect(SalesforceTimestamp(text) == nil)
    }

    @Test func calendarDatesRoundTripAndCount() throws {
        let date = try #require(CalendarDate("2024-02-29"))
        #expect(date.description == "2024-02-29")
        #expect(date.adding(days: 1).description == "2024-03-01")
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(try #require(CalendarDate("2024-01-01")) < date)
    }

    @Test func beforeTheEpochWorksToo() throws {
        let timestamp = try #require(SalesforceTimestamp("1969-12-31T23:59:59.500Z"))
        #expect(timestamp.millisecondsSinceEpoch == -500)
        #expect(timestamp.description == "1969-12-31T23:59:59.500+0000")
        #expect(timestamp.date.description == "1969-12-31")
    }
}
