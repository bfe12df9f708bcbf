/// A field path checked against the schema, with what callers need to read and render it.
public struct SOQLResolvedField: Sendable, Hashable {
    public let path: SOQLFieldPath
    public let type: SOQLFieldType
    /// The object each relationship segment leads to, e.g. `["User"]` for `Owner.Name`; the
    /// `attributes.type` of the nested objects in a query result.
    public let relationshipTargets: [String]
    /// The object that owns the final field (the queried object when the path has no relationships).
    public let objectName: String

    public init(path: SOQLFieldPath, type: SOQLFieldType, relationshipTargets: [String] = [], objectName: String) {
        self.path = path
        self.type = type
        self.relationshipTargets = relationshipTargets
        self.objectName = objectName
    }
}
