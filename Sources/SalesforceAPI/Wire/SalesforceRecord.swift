import DealdeckCore
import Foundation

/// One record (or any JSON object) from a Salesforce response, its fields in wire order.
///
/// `attributes` is folded into `type` (`Opportunity`, `Account`…); its `url` is dropped because
/// the record's `Id` says the same. Field lookup is by API name, exact first and then
/// case-insensitively (SOQL is case-insensitive, responses use the describe spelling), and a
/// dotted path follows relationships: `record["Account.Name"]`. Bulk API rows, whose columns are
/// literally named `Account.Name`, are found by the same call.
public struct SalesforceRecord: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: SalesforceValue

        public init(name: String, value: SalesforceValue) {
            self.name = name
            self.value = value
        }
    }

    /// `attributes.type`, when the object had attributes.
    public var type: String?
    public var fields: [Field]

    public init(type: String? = nil, fields: [Field] = []) {
        self.type = type
        self.fields = fields
    }

    /// The value of a field or dotted relationship path; nil when the response does not have it.
    /// An empty relationship (`"Account": null`) gives `.null` for every path through it.
    public subscript(_ name: String) -> SalesforceValue? {
        if let value = value(named: name) { return value }
        guard name.contains(".") else { return nil }
        var current = self
        let parts = name.split(separator: ".").map(String.init)
        for (index, part) in parts.enumerated() {
            guard let value = current.value(named: part) else { return nil }
            if index == parts.count - 1 { return value }
            switch value {
            case .object(let next): current = next
            case .null: return .null
            default: return nil
            }
        }
        return nil
    }

    private func value(named name: String) -> SalesforceValue? {
        for field in fields where field.name == name { return field.value }
        let lowered = name.lowercased()
        for field in fields where field.name.lowercased() == lowered { return field.value }
        return nil
    }

    /// Text of a field; nil when missing or null.
    public func string(_ name: String) -> String? { self[name]?.stringValue }
    public func decimal(_ name: String) -> Decimal? { self[name]?.decimalValue }
    public func int(_ name: String) -> Int? { self[name]?.intValue }
    public func bool(_ name: String) -> Bool? { self[name]?.boolValue }
    /// A `dateTime` field (`2024-01-02T03:04:05.000+0000`).
    public func timestamp(_ name: String) -> SalesforceTimestamp? { string(name).flatMap(SalesforceTimestamp.init) }
    /// A `date` field (`2024-03-31`).
    public func date(_ name: String) -> CalendarDate? { string(name).flatMap(CalendarDate.init) }
    /// An ID field (15 or 18 characters; always 18 in REST responses).
    public func id(_ name: String) -> SalesforceID? { string(name).flatMap(SalesforceID.init) }
    /// The record's own `Id`.
    public var id: SalesforceID? { id("Id") }
}
