import DealdeckCore
import Foundation

/// A JSON value from a Salesforce response, kept as lightly as possible: numbers stay the text
/// Salesforce sent (so `Decimal(string:)` keeps every cent of an Amount), objects are
/// `SalesforceRecord`s (a relationship such as `Account` is a nested record).
public enum SalesforceValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number exactly as written, e.g. `15000.0` or `75`.
    case number(String)
    case string(String)
    case object(SalesforceRecord)
    case array([SalesforceValue])

    public var isNull: Bool { self == .null }

    /// Text for strings, and the written form of numbers and booleans.
    public var stringValue: String? {
        switch self {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    public var decimalValue: Decimal? {
        switch self {
        case .number(let text), .string(let text): return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .number(let text), .string(let text): return Int(text) ?? Double(text).flatMap { $0.rounded() == $0 ? Int(exactly: $0) : nil }
        default: return nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text): return text == "true" ? true : text == "false" ? false : nil
        default: return nil
        }
    }

    public var recordValue: SalesforceRecord? {
        if case .object(let record) = self { return record }
        return nil
    }

    public var arrayValue: [SalesforceValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}
