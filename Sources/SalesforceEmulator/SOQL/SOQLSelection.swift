/// What a query's SELECT clause asks for.
public enum SOQLSelection: Sendable, Hashable {
    /// A list of field paths.
    case fields([SOQLFieldExpression])
    /// `COUNT()`, or `COUNT(field)` when a field is given.
    case count(SOQLFieldExpression?)
}
