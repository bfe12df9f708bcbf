import DealdeckCore

/// A small strict JSON parser (RFC 8259) producing `JSONValue`, with Jackson-style error
/// messages, since Salesforce's REST layer reports body errors the way Jackson words them.
public struct JSONParser {
    /// Why a body is not JSON, worded like Salesforce's `JSON_PARSER_ERROR` messages.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        if parser.index >= bytes.count {
            throw Failure(message: "No content to map due to end-of-input at [line:1, column:1]")
        }
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.unexpected("expected end of input")
        }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var column: Int { index - lineStart + 1 }

    private func unexpected(_ expectation: String) -> Failure {
        if index >= bytes.count {
            return Failure(message: "Unexpected end-of-input: \(expectation) at [line:\(line), column:\(column)]")
        }
        let byte = bytes[index]
        let shown = byte >= 32 && byte < 127 ? String(UnicodeScalar(byte)) : "?"
        return Failure(message: "Unexpected character ('\(shown)' (code \(byte))): \(expectation) at [line:\(line), column:\(column)]")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 32, 9, 13: index += 1
            case 10:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard depth < 200 else { throw Failure(message: "Maximum nesting depth exceeded at [line:\(line), column:\(column)]") }
        guard index < bytes.count else { throw unexpected("expected a value") }
        switch bytes[index] {
        case 123: return try parseObject(depth: depth)
        case 91: return try parseArray(depth: depth)
        case 34: return .string(try parseString())
        case 116: try expectLiteral("true"); return .bool(true)
        case 102: try expectLiteral("false"); return .bool(false)
        case 110: try expectLiteral("null"); return .null
        case 45, 48...57: return .number(try parseNumber())
        default: throw unexpected("expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(Failure) {
        for expected in literal.utf8 {
            guard index < bytes.count, bytes[index] == expected else {
                throw unexpected("was expecting '\(literal)'")
            }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 125 {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 34 else {
                throw unexpected(index >= bytes.count ? "expected close marker for OBJECT" : "was expecting double-quote to start field name")
            }
            let name = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 58 else { throw unexpected("was expecting a colon to separate field name and value") }
            index += 1
            skipWhitespace()
            let valueLine = line
            let valueColumn = column
            let value = try parseValue(depth: depth + 1)
            members.append(JSONMember(name: name, value: value, line: valueLine, column: valueColumn))
            skipWhitespace()
            guard index < bytes.count else { throw unexpected("expected close marker for OBJECT") }
            if bytes[index] == 44 {
                index += 1
                continue
            }
            if bytes[index] == 125 {
                index += 1
                return .object(members)
            }
            throw unexpected("was expecting comma to separate Object entries")
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 93 {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw unexpected("expected close marker for ARRAY") }
            if bytes[index] == 44 {
                index += 1
                continue
            }
            if bytes[index] == 93 {
                index += 1
                return .array(elements)
            }
            throw unexpected("was expecting comma to separate Array entries")
        }
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let start = index
        if bytes[index] == 45 { index += 1 }
        guard index < bytes.count, (48...57).contains(bytes[index]) else { throw unexpected("expected digit") }
        if bytes[index] == 48 {
            index += 1
        } else {
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            guard index < bytes.count, (48...57).contains(bytes[index]) else { throw unexpected("Decimal point not followed by a digit") }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 101 || bytes[index] == 69 {
            index += 1
            if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 { index += 1 }
            guard index < bytes.count, (48...57).contains(bytes[index]) else { throw unexpected("Exponent indicator not followed by a digit") }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1
        var result: [UInt8] = []
        while true {
            guard index < bytes.count else { throw unexpected("was expecting closing quote for a string value") }
            let byte = bytes[index]
            switch byte {
            case 34:
                index += 1
                return String(decoding: result, as: UTF8.self)
            case 92:
                index += 1
                guard index < bytes.count else { throw unexpected("was expecting closing quote for a string value") }
                let escaped = bytes[index]
                index += 1
                if let byte = JSONEscape.byte(escapedBy: escaped) {
                    result.append(byte)
                    continue
                }
                switch escaped {
                case 117:
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == 92, bytes[index + 1] == 117 {
                        index += 2
                        let low = try parseHex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    result.append(contentsOf: Array(String(Character(character)).utf8))
                default:
                    index -= 1
                    throw unexpected("Unrecognized character escape")
                }
            case 0..<32:
                throw unexpected("Illegal unquoted character: has to be escaped using backslash to be included in string value")
            default:
                result.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw unexpected("expected a hex-digit for character escape sequence") }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw unexpected("expected a hex-digit for character escape sequence")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
