import DealdeckCore
import Foundation
import Testing

@Suite struct TextTests {
    @Test func escapeSequencesBecomeInert() {
        let hostile = "Deal \u{1B}]2;pwned\u{07} \u{1B}[31mred\u{202E}txt"
        let safe = TerminalText.sanitize(hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E })
        #expect(safe.contains("␛]2;pwned␇"))
    }

    @Test func cleanTextIsUntouched() {
        let text = "Société Générale — 商談 ✓ שלום"
        #expect(TerminalText.sanitize(text) == text)
    }

    @Test func widthsCountTerminalColumns() {
        #expect(TerminalText.width("abc") == 3)
        #expect(TerminalText.width("商談") == 4)
        #expect(TerminalText.width("e\u{301}") == 1)
        #expect(TerminalText.width("👍") == 2)
        #expect(TerminalText.width("👩‍💻") == 2)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(TerminalText.truncate("商談商談", toWidth: 5) == "商談…")
        #expect(TerminalText.width(TerminalText.fit("商談商談", toWidth: 6)) == 6)
        #expect(TerminalText.fit("ab", toWidth: 4, alignRight: true) == "  ab")
    }

    @Test func amountsAreExactAndGrouped() throws {
        // `amount` takes an optional; nil (no amount) has its own expectation below.
        #expect(Money.decimal("1234567.5") != nil && Money.decimal("1000000") != nil && Money.decimal("-12.345") != nil)
        #expect(AmountFormatting.amount(Money.decimal("1234567.5"), currency: "USD") == "$1,234,567.50")
        #expect(AmountFormatting.amount(Money.decimal("1000000"), currency: "JPY") == "¥1,000,000")
        #expect(AmountFormatting.amount(Money.decimal("-12.345"), currency: nil) == "-12.35")
        #expect(AmountFormatting.amount(nil, currency: "EUR") == "—")
        #expect(Money.cents(of: try #require(Money.decimal("0.1"))) + Money.cents(of: try #require(Money.decimal("0.2"))) == 30)
    }

    @Test func recordLinksPreferLightning() throws {
        let id = try SalesforceID(validating: "006000000000001")
        #expect(RecordLink.url(instanceURL: "https://acme.my.salesforce.com", id: id) == "https://acme.lightning.force.com/lightning/r/Opportunity/\(id)/view")
        #expect(RecordLink.url(instanceURL: "https://acme--uat.sandbox.my.salesforce.com/", id: id) == "https://acme--uat.sandbox.lightning.force.com/lightning/r/Opportunity/\(id)/view")
        #expect(RecordLink.url(instanceURL: "https://na1.salesforce.com", id: id) == "https://na1.lightning.force.com/lightning/r/Opportunity/\(id)/view")
        #expect(RecordLink.url(instanceURL: "http://localhost:8080", id: id) == "http://localhost:8080/\(id)")
    }
}
