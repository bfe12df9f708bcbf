/// A validated WHERE clause.
public indirect enum SOQLResolvedCondition: Sendable, Hashable {
    case and([SOQLResolvedCondition])
    case or([SOQLResolvedCondition])
    case not(SOQLResolvedCondition)
    case predicate(SOQLResolvedField, SOQLResolvedPredicate)
}
