/// The ordering operators of a WHERE comparison (`=`, `!=`/`<>`, `<`, `<=`, `>`, `>=`).
public enum SOQLComparisonOperator: String, Sendable, Hashable {
    case equal = "="
    case notEqual = "!="
    case lessThan = "<"
    case lessThanOrEqual = "<="
    case greaterThan = ">"
    case greaterThanOrEqual = ">="
}
