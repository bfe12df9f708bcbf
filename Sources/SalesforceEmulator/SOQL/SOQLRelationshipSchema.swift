/// A child-to-parent relationship: `Owner` on Opportunity leads to a `User`.
public struct SOQLRelationshipSchema: Sendable, Hashable {
    /// The relationship name used in field paths, e.g. `Owner`.
    public let name: String
    /// The API name of the parent object, e.g. `User`.
    public let targetObject: String

    public init(name: String, targetObject: String) {
        self.name = name
        self.targetObject = targetObject
    }
}
