/// One ORDER BY key as written.
public struct SOQLOrderItem: Sendable, Hashable {
    public let field: SOQLFieldExpression
    public let descending: Bool
    /// `NULLS FIRST` (true) or `NULLS LAST` (false); nil when not written, which means nulls
    /// first for ascending and last for descending keys.
    public let nullsFirst: Bool?

    public init(field: SOQLFieldExpression, descending: Bool = false, nullsFirst: Bool? = nil) {
        self.field = field
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}
