/// The fields and relationships of one object in one org (`CurrencyIsoCode` exists only on
/// multi-currency orgs), with case-insensitive lookup as SOQL and DML need.
public struct SObjectSchema: Sendable {
    public let type: SObjectType
    /// Fields in describe order.
    public let fields: [FieldDefinition]
    public let relationships: [RelationshipDefinition]
    private let fieldsByLowercasedName: [String: Int]
    private let relationshipsByLowercasedName: [String: Int]

    init(type: SObjectType, fields: [FieldDefinition]) {
        self.type = type
        self.fields = fields
        var byName: [String: Int] = [:]
        var relationships: [RelationshipDefinition] = []
        for (index, field) in fields.enumerated() {
            byName[field.name.lowercased()] = index
            if let relationship = field.relationshipName, let target = field.referenceTo.first.flatMap(SObjectType.init(rawValue:)) {
                relationships.append(RelationshipDefinition(name: relationship, fieldName: field.name, fieldSlot: field.slot, target: target))
            }
        }
        fieldsByLowercasedName = byName
        self.relationships = relationships
        var relationshipIndex: [String: Int] = [:]
        for (index, relationship) in relationships.enumerated() { relationshipIndex[relationship.name.lowercased()] = index }
        relationshipsByLowercasedName = relationshipIndex
    }

    /// The field named `name`, in any letter case.
    public func field(named name: String) -> FieldDefinition? {
        fieldsByLowercasedName[name.lowercased()].map { fields[$0] }
    }

    /// The relationship named `name` (`Account`, `Owner`), in any letter case.
    public func relationship(named name: String) -> RelationshipDefinition? {
        relationshipsByLowercasedName[name.lowercased()].map { relationships[$0] }
    }

    /// The Name-like field shown for the record (`Name`, or `MasterLabel` for stages).
    public var nameField: FieldDefinition? { fields.first { $0.nameField } }
}
