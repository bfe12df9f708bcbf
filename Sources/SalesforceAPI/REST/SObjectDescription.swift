/// What `describe` says about an object: its fields and their types. A sync builds its SELECT
/// list from this (fields hidden by field-level security are simply absent).
public struct SObjectDescription: Sendable, Equatable, Decodable {
    public var name: String
    public var label: String?
    /// `006` for Opportunity.
    public var keyPrefix: String?
    public var queryable: Bool?
    public var replicateable: Bool?
    public var fields: [FieldDescription]

    public init(
        name: String, label: String? = nil, keyPrefix: String? = nil, queryable: Bool? = nil, replicateable: Bool? = nil, fields: [FieldDescription]
    ) {
        self.name = name
        self.label = label
        self.keyPrefix = keyPrefix
        self.queryable = queryable
        self.replicateable = replicateable
        self.fields = fields
    }

    /// A field by API name (case-insensitive, as SOQL is).
    public func field(named name: String) -> FieldDescription? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }
    }

    public var fieldNames: [String] { fields.map(\.name) }

    /// Whether the org has multi-currency (only then does `CurrencyIsoCode` exist).
    public var hasCurrencyIsoCode: Bool { field(named: "CurrencyIsoCode") != nil }
}

/// One field of a describe result.
public struct FieldDescription: Sendable, Equatable, Decodable {
    public var name: String
    public var label: String?
    /// `id`, `string`, `currency`, `date`, `datetime`, `picklist`, `reference`, `boolean`, …
    public var type: String
    public var nillable: Bool?
    public var length: Int?
    public var precision: Int?
    public var scale: Int?
    public var filterable: Bool?
    public var sortable: Bool?
    /// For references: the objects it points to.
    public var referenceTo: [String]?
    /// For references: the relationship name to select through (`Account` for `AccountId`).
    public var relationshipName: String?
    public var picklistValues: [PicklistEntry]?

    public init(
        name: String, label: String? = nil, type: String, nillable: Bool? = nil, referenceTo: [String]? = nil, relationshipName: String? = nil
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.nillable = nillable
        self.referenceTo = referenceTo
        self.relationshipName = relationshipName
    }
}

/// A picklist value (stage names, lead sources…).
public struct PicklistEntry: Sendable, Equatable, Decodable {
    public var value: String
    public var label: String?
    public var active: Bool?
    public var defaultValue: Bool?
}
