/// What a validated query returns.
public enum SOQLResolvedSelection: Sendable, Hashable {
    /// Records with these fields, in SELECT order.
    case fields([SOQLResolvedField])
    /// `COUNT()`: no records, the count is the response's `totalSize`.
    case count
    /// `COUNT(field)`: an aggregate; Salesforce answers with one `AggregateResult` row whose
    /// `expr0` counts the records where the field is not null.
    case countOf(SOQLResolvedField)
}
