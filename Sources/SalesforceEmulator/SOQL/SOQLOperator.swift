/// The operator of a WHERE comparison.
public enum SOQLOperator: Sendable, Hashable {
    case comparison(SOQLComparisonOperator)
    case like
    case `in`
    case notIn
    case includes
    case excludes
}
