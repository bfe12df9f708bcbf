import DealdeckCore

/// Splits a query into tokens. It works on UTF-8 bytes so token offsets map straight back to
/// the text for error carets, and it never fails on an unknown character: it hands the parser
/// an `.other` token so the error reads "unexpected token" like Salesforce's.
struct SOQLLexer {
    private let source: SOQLSource
    private var bytes: [UInt8] { source.bytes }
    private var index = 0

    init(source: SOQLSource) {
        self.source = source
    }

    /// All tokens of the query, ending with a single `.end` token.
    static func tokenize(_ source: SOQLSource) throws(SOQLError) -> [SOQLToken] {
        var lexer = SOQLLexer(source: source)
        var tokens: [SOQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(SOQLError) -> SOQLToken {
        skipWhitespace()
        let start = index
        guard index < bytes.count else { return SOQLToken(kind: .end, text: "", offset: start) }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "'"):
            return try string()
        case UInt8(ascii: ","):
            index += 1
            return token(.comma, from: start)
        case UInt8(ascii: "("):
            index += 1
            return token(.leftParenthesis, from: start)
        case UInt8(ascii: ")"):
            index += 1
            return token(.rightParenthesis, from: start)
        case UInt8(ascii: ":"):
            index += 1
            return token(.colon, from: start)
        case UInt8(ascii: "="):
            index += 1
            return token(.comparison(.equal), from: start)
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") {
                index += 2
                return token(.comparison(.notEqual), from: start)
            }
        case UInt8(ascii: "<"):
            index += 1
            if peek(0) == UInt8(ascii: "=") {
                index += 1
                return token(.comparison(.lessThanOrEqual), from: start)
            }
            if peek(0) == UInt8(ascii: ">") {
                index += 1
                return token(.comparison(.notEqual), from: start)
            }
            return token(.comparison(.lessThan), from: start)
        case UInt8(ascii: ">"):
            index += 1
            if peek(0) == UInt8(ascii: "=") {
                index += 1
                return token(.comparison(.greaterThanOrEqual), from: start)
            }
            return token(.comparison(.greaterThan), from: start)
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            if let next = peek(1), Self.isDigit(next) { return number() }
        default:
            if Self.isDigit(byte) { return looksLikeDate() ? temporal() : number() }
            if Self.isIdentifierStart(byte) { return identifier() }
        }
        index += 1
        // Keep multi-byte characters whole so the error quotes them readably.
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        return token(.other, from: start)
    }

    private func token(_ kind: SOQLToken.Kind, from start: Int) -> SOQLToken {
        SOQLToken(kind: kind, text: String(decoding: bytes[start..<index], as: UTF8.self), offset: start)
    }

    private func peek(_ distance: Int) -> UInt8? {
        index + distance < bytes.count ? bytes[index + distance] : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 9, 10, 11, 12, 13, 32: index += 1
            default: return
            }
        }
    }

    /// A name, keyword or dotted path. Dots join segments only when a name follows, so the
    /// whole path is one token and errors point at its start, as Salesforce's do.
    private mutating func identifier() -> SOQLToken {
        let start = index
        while true {
            while index < bytes.count, Self.isIdentifierPart(bytes[index]) { index += 1 }
            guard peek(0) == UInt8(ascii: "."), let next = peek(1), Self.isIdentifierStart(next) else { break }
            index += 1
        }
        return token(.identifier, from: start)
    }

    private mutating func number() -> SOQLToken {
        let start = index
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        var isInteger = true
        if peek(0) == UInt8(ascii: "."), let next = peek(1), Self.isDigit(next) {
            isInteger = false
            index += 1
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { return token(.other, from: start) }
        return SOQLToken(kind: .number(value, isInteger: isInteger), text: text, offset: start)
    }

    /// `yyyy-MM-dd` at the cursor: an unquoted date or dateTime literal rather than a number.
    private func looksLikeDate() -> Bool {
        guard index + 10 <= bytes.count else { return false }
        for offset in 0..<10 {
            let byte = bytes[index + offset]
            let wanted = offset == 4 || offset == 7 ? Self.isDash(byte) : Self.isDigit(byte)
            if !wanted { return false }
        }
        return true
    }

    private mutating func temporal() -> SOQLToken {
        let start = index
        index += 10
        if let next = peek(0), next == UInt8(ascii: "T") || next == UInt8(ascii: "t") {
            while index < bytes.count, Self.isDateTimePart(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if let timestamp = SalesforceTimestamp(text) {
                return SOQLToken(kind: .dateTime(timestamp), text: text, offset: start)
            }
            return SOQLToken(kind: .other, text: text, offset: start)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let date = CalendarDate(text) { return SOQLToken(kind: .date(date), text: text, offset: start) }
        return SOQLToken(kind: .other, text: text, offset: start)
    }

    /// A single-quoted string. Salesforce accepts only a fixed set of backslash escapes and
    /// rejects the rest, so an unknown escape is an error rather than a literal backslash.
    private mutating func string() throws(SOQLError) -> SOQLToken {
        let start = index
        index += 1
        var decoded: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                index += 1
                let raw = String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self)
                let literal = SOQLStringLiteral(value: String(decoding: decoded, as: UTF8.self), raw: raw)
                return token(.string(literal), from: start)
            }
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                index += 1
                continue
            }
            guard let escaped = peek(1) else { break }
            switch escaped {
            case UInt8(ascii: "n"): decoded.append(10)
            case UInt8(ascii: "t"): decoded.append(9)
            case UInt8(ascii: "r"): decoded.append(13)
            case UInt8(ascii: "b"): decoded.append(8)
            case UInt8(ascii: "f"): decoded.append(12)
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "%"), UInt8(ascii: "_"):
                decoded.append(escaped)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape() else { throw invalidEscape(from: start) }
                decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 6
                continue
            default:
                throw invalidEscape(from: start)
            }
            index += 2
        }
        // An unterminated string swallows the rest of the query.
        throw SOQLError.unexpectedToken(SOQLToken(kind: .end, text: "", offset: bytes.count), in: source)
    }

    private func unicodeEscape() -> Unicode.Scalar? {
        guard index + 6 <= bytes.count else { return nil }
        let hex = String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self)
        guard let code = UInt32(hex, radix: 16) else { return nil }
        return Unicode.Scalar(code)
    }

    private func invalidEscape(from start: Int) -> SOQLError {
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "'") || bytes[end - 1] == UInt8(ascii: "\\") { end += 1 }
        let literal = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        let sequenceEnd = min(index + 2, bytes.count)
        let sequence = String(decoding: bytes[index..<sequenceEnd], as: UTF8.self)
        return SOQLError.invalidEscape(sequence, literal: literal, at: start, in: source)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isDash(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "_")
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    private static func isDateTimePart(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t")
            || byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z")
    }
}
