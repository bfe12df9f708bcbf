import DealdeckCore
import Testing

@Suite struct SalesforceIDTests {
    /// The vectors of salesforce-protocol.md §2.9: each 18-character result appears verbatim
    /// in Salesforce documentation or a well-known converter.
    static let vectors: [(String, String)] = [
        ("001D000000IRFma", "001D000000IRFmaIAH"),
        ("001D000000Iomaz", "001D000000IomazIAB"),
        ("003RO0000035WQg", "003RO0000035WQgYAM"),
        ("001B000000UnQ2v", "001B000000UnQ2vIAF"),
        ("70130000001tcyI", "70130000001tcyIAAQ"),
        ("00558000001N0Ke", "00558000001N0KeAAK"),
    ]

    @Test(arguments: vectors)
    func fifteenToEighteen(vector: (String, String)) throws {
        let id = try SalesforceID(validating: vector.0)
        #expect(id.rawValue == vector.1)
        #expect(id.fifteenCharacterForm == vector.0)
    }

    @Test(arguments: vectors)
    func eighteenIsAcceptedAsIs(vector: (String, String)) throws {
        #expect(try SalesforceID(validating: vector.1).rawValue == vector.1)
    }

    @Test func idsCompareByTheirEighteenCharacterForm() throws {
        #expect(try SalesforceID(validating: "001D000000IRFma") == SalesforceID(validating: "001D000000IRFmaIAH"))
        #expect(try SalesforceID(validating: "001D000000IRFma") != SalesforceID(validating: "001D000000IRFmA"))
    }

    @Test func caseFoldedEighteenCharacterIDsAreRestored() throws {
        // The suffix encodes the case of the first fifteen, so a lower-cased ID is recoverable.
        let id = try SalesforceID(validating: "001d000000irfmaiah")
        #expect(id.rawValue == "001D000000IRFmaIAH")
    }

    @Test func wrongLengthsAndCharactersAreExplained() {
        #expect(throws: SalesforceIDError.wrongLength("006abc", 6)) { try SalesforceID(validating: "006abc") }
        #expect(throws: SalesforceIDError.invalidCharacters("001D000000IRF-a")) { try SalesforceID(validating: "001D000000IRF-a") }
        #expect(SalesforceIDError.wrongLength("x", 1).description.contains("15 or 18"))
    }

    @Test func aChecksumThatDisagreesIsRejected() {
        // 'A' in the suffix claims no capitals in the first chunk, but "001D0" has a 'D'? No:
        // digits cannot be upper case, so a suffix bit over a digit is impossible.
        #expect(throws: SalesforceIDError.self) { try SalesforceID(validating: "001D000000IRFma5AH") }
    }

    @Test func mintedIDsHaveThePrefixAndAValidChecksum() throws {
        let id = SalesforceID(keyPrefix: "006", pod: "5e", number: 123_456)
        #expect(id.keyPrefix == "006")
        #expect(id.rawValue.count == 18)
        #expect(try SalesforceID(validating: id.fifteenCharacterForm) == id)
        #expect(SalesforceID(keyPrefix: "006", pod: "5e", number: 1) != SalesforceID(keyPrefix: "006", pod: "5e", number: 2))
    }
}
