import DealdeckCore
import Testing

@testable import SalesforceEmulator

@Suite struct SOQLLexerTests {
    private func kinds(_ text: String) throws -> [SOQLToken.Kind] {
        try SOQLLexer.tokenize(SOQLSource(text)).map(\.kind)
    }

    private func string(_ literal: String) throws -> SOQLStringLiteral? {
        guard case .string(let value) = try kinds(literal).first else { return nil }
        return value
    }

    @Test func splitsOperatorsPunctuationAndPaths() throws {
        let tokens = try SOQLLexer.tokenize(SOQLSource("SELECT Account.Name,Id FROM x WHERE a<>1 AND b<=2 AND c>=3 AND d!=4 AND (e<5)"))
        #expect(tokens.map(\.text) == [
            "SELECT", "Account.Name", ",", "Id", "FROM", "x", "WHERE", "a", "<>", "1", "AND", "b", "<=", "2", "AND", "c",
            ">=", "3", "AND", "d", "!=", "4", "AND", "(", "e", "<", "5", ")", "",
        ])
        #expect(tokens[8].kind == .comparison(.notEqual))
        #expect(tokens[20].kind == .comparison(.notEqual))
        #expect(tokens.last?.kind == .end)
        #expect(tokens[1].offset == 7)
    }

    @Test func readsNumbers() throws {
        #expect(try kinds("42 -7 3.25 -0.5") == [
            .number(42, isInteger: true), .number(-7, isInteger: true), .number(3.25, isInteger: false),
            .number(-0.5, isInteger: false), .end,
        ])
    }

    @Test func readsUnquotedDatesAndDateTimes() throws {
        let tokens = try kinds("2024-01-31 2024-01-02T03:04:05Z 2024-01-02T03:04:05.000Z 2024-01-02T03:04:05+01:00 2024-01-02T03:04:05-0800")
        #expect(tokens == [
            .date(SOQLFixtures.date("2024-01-31")),
            .dateTime(SOQLFixtures.timestamp("2024-01-02T03:04:05Z")),
            .dateTime(SOQLFixtures.timestamp("2024-01-02T03:04:05Z")),
            .dateTime(SOQLFixtures.timestamp("2024-01-02T02:04:05Z")),
            .dateTime(SOQLFixtures.timestamp("2024-01-02T11:04:05Z")),
            .end,
        ])
    }

    @Test func anImpossibleDateIsNotADate() throws {
        #expect(try kinds("2024-02-30").first == .other)
    }

    @Test func decodesStringEscapes() throws {
        #expect(try string(#"'O\'Brien'"#)?.value == "O'Brien")
        #expect(try string(#"'a\\b'"#)?.value == #"a\b"#)
        #expect(try string(#"'line\nnext\ttab \"q\"'"#)?.value == "line\nnext\ttab \"q\"")
        #expect(try string(#"'100\% \_'"#)?.value == "100% _")
        #expect(try string(#"'\u00e9t\u00E9'"#)?.value == "été")
        #expect(try string(#"'100\%'"#)?.raw == #"100\%"#)
        #expect(try string("'Café'")?.value == "Café")
    }

    @Test func rejectsUnknownEscapes() {
        #expect(throws: SOQLError.self) { try SOQLLexer.tokenize(SOQLSource(#"WHERE Name = 'a\qb'"#)) }
    }

    @Test func handsUnknownCharactersToTheParser() throws {
        let tokens = try SOQLLexer.tokenize(SOQLSource("SELECT * FROM x; é"))
        #expect(tokens.map(\.kind) == [.identifier, .other, .identifier, .identifier, .other, .other, .end])
        #expect(tokens[1].text == "*")
        #expect(tokens[5].text == "é")
    }

    @Test func keywordsMatchInAnyCase() throws {
        let tokens = try SOQLLexer.tokenize(SOQLSource("select SeLeCt SELECTED last_n_days"))
        #expect(tokens[0].isKeyword("SELECT"))
        #expect(tokens[1].isKeyword("SELECT"))
        #expect(!tokens[2].isKeyword("SELECT"))
        #expect(tokens[3].isKeyword("LAST_N_DAYS"))
    }
}
