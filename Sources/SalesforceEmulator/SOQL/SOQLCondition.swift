/// A parsed WHERE clause.
public indirect enum SOQLCondition: Sendable, Hashable {
    case and([SOQLCondition])
    case or([SOQLCondition])
    case not(SOQLCondition)
    case comparison(field: SOQLFieldExpression, operator: SOQLOperator, operand: SOQLOperand)
}
