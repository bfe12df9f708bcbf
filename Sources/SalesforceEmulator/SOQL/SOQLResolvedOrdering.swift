/// A validated ORDER BY key, with Salesforce's default null placement already applied.
public struct SOQLResolvedOrdering: Sendable, Hashable {
    public let field: SOQLResolvedField
    public let descending: Bool
    public let nullsFirst: Bool

    public init(field: SOQLResolvedField, descending: Bool, nullsFirst: Bool) {
        self.field = field
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}
