/// A parsed JSON value that keeps what DML needs and Foundation's parsers lose: numbers as
/// their literal text (so `15000.10` stays exact), object key order, and where each value
/// started (for Salesforce's `at [line:1, column:13]` parser messages).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The member named `name` (exact case), for objects.
    public subscript(name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.name == name }?.value
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .number(let text): return Int(text) ?? Double(text).flatMap { $0.rounded() == $0 ? Int(exactly: $0) : nil }
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let text), .string(let text): return Double(text)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The JSON type name Salesforce's parser messages use (`VALUE_STRING`, `VALUE_NUMBER_INT`…).
    var tokenName: String {
        switch self {
        case .null: return "VALUE_NULL"
        case .bool(let value): return value ? "VALUE_TRUE" : "VALUE_FALSE"
        case .number(let text): return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "VALUE_NUMBER_FLOAT" : "VALUE_NUMBER_INT"
        case .string: return "VALUE_STRING"
        case .array: return "START_ARRAY"
        case .object: return "START_OBJECT"
        }
    }
}

/// One `"name": value` pair of a JSON object, with the value's position in the text.
public struct JSONMember: Sendable, Equatable {
    public var name: String
    public var value: JSONValue
    public var line: Int
    public var column: Int
}
