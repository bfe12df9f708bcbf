/// The test a WHERE comparison applies to one field, with literals already converted to the
/// field's type.
public enum SOQLResolvedPredicate: Sendable, Hashable {
    /// `=`, `!=`, `<`, `<=`, `>`, `>=` against a value (`.null` for `= null`).
    case comparison(SOQLComparisonOperator, SOQLValue)
    /// A comparison against a relative date literal, whose days depend on "now".
    case relativeDate(SOQLComparisonOperator, SOQLRelativeDate)
    case like(SOQLLikePattern)
    case `in`([SOQLValue])
    case notIn([SOQLValue])
    /// Multi-select picklist terms: each inner array is one `'a;b'` literal, which matches when
    /// the field holds all of its values.
    case includes([[String]])
    case excludes([[String]])
}
