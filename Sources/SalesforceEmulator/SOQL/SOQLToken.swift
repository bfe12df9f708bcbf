import DealdeckCore

/// One lexical unit of a query. Keywords are not a token kind: SOQL keywords are contextual
/// (`Order` is both a keyword and an object name), so the parser asks `isKeyword` where it matters.
struct SOQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name or dotted field path (`Account.Name`), or a keyword.
        case identifier
        case string(SOQLStringLiteral)
        case number(Double, isInteger: Bool)
        case date(CalendarDate)
        case dateTime(SalesforceTimestamp)
        case comparison(SOQLComparisonOperator)
        case comma
        case leftParenthesis
        case rightParenthesis
        case colon
        /// Any character SOQL has no use for here; the parser reports it as unexpected.
        case other
        case end
    }

    let kind: Kind
    /// The token as written in the query.
    let text: String
    /// UTF-8 offset of the token's first byte in the query.
    let offset: Int

    /// The token as "unexpected token: …" quotes it.
    var quoted: String { kind == .end ? "<EOF>" : "'" + text + "'" }

    /// Whether this is the identifier `keyword` (given in upper case) in any casing.
    func isKeyword(_ keyword: String) -> Bool {
        guard kind == .identifier, text.utf8.count == keyword.utf8.count else { return false }
        for (byte, upper) in zip(text.utf8, keyword.utf8) where byte != upper {
            guard upper >= 65, upper <= 90, byte == upper + 32 else { return false }
        }
        return true
    }

    /// The upper-cased spelling, for matching identifiers against keyword tables.
    var upperText: String { text.uppercased() }
}
