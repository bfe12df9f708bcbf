/// A child-to-parent relationship (`Opportunity.Account`, `Opportunity.Owner`): the lookup
/// field that holds the parent's ID and the object it points to.
public struct RelationshipDefinition: Sendable, Equatable {
    /// The relationship name used in SOQL paths and as the JSON key (`Account`, `Owner`).
    public var name: String
    /// The reference field holding the parent ID (`AccountId`).
    public var fieldName: String
    /// The slot of that reference field.
    public var fieldSlot: Int
    /// The parent object.
    public var target: SObjectType
}
