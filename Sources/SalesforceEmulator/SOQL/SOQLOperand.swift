/// The right-hand side of a WHERE comparison: one literal, or a parenthesized list for
/// `IN`, `NOT IN`, `INCLUDES` and `EXCLUDES`.
public enum SOQLOperand: Sendable, Hashable {
    case literal(SOQLLiteral)
    case list([SOQLLiteral])
}
