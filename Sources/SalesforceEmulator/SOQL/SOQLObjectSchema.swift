/// What SOQL may ask of one object: its fields and its parent relationships.
public struct SOQLObjectSchema: Sendable {
    /// The API name, e.g. `Opportunity`.
    public let name: String
    public let fields: [SOQLFieldSchema]
    public let relationships: [SOQLRelationshipSchema]

    // Salesforce resolves names case-insensitively; keying on the lowercased name once keeps
    // the lookups cheap and lets results carry the canonical casing.
    private let fieldsByKey: [String: SOQLFieldSchema]
    private let relationshipsByKey: [String: SOQLRelationshipSchema]

    public init(name: String, fields: [SOQLFieldSchema], relationships: [SOQLRelationshipSchema] = []) {
        self.name = name
        self.fields = fields
        self.relationships = relationships
        var fieldsByKey: [String: SOQLFieldSchema] = [:]
        for field in fields { fieldsByKey[field.name.lowercased()] = fieldsByKey[field.name.lowercased()] ?? field }
        var relationshipsByKey: [String: SOQLRelationshipSchema] = [:]
        for relationship in relationships {
            relationshipsByKey[relationship.name.lowercased()] = relationshipsByKey[relationship.name.lowercased()] ?? relationship
        }
        self.fieldsByKey = fieldsByKey
        self.relationshipsByKey = relationshipsByKey
    }

    /// The field called `name` in any casing.
    public func field(named name: String) -> SOQLFieldSchema? { fieldsByKey[name.lowercased()] }

    /// The parent relationship called `name` in any casing.
    public func relationship(named name: String) -> SOQLRelationshipSchema? { relationshipsByKey[name.lowercased()] }
}
