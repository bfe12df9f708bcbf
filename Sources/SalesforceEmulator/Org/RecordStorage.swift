/// The stored values of one record type, able to bound their own JSON size.
protocol RecordFields: Sendable {
    /// The most bytes all fields of the record take as JSON values (keys not included).
    var maximumJSONBytes: Int { get }
    /// Every field value as JSON, for types whose records query pages write in bulk
    /// (`EncodedJSONValues.none` for the others).
    func encodedJSONValues() -> EncodedJSONValues
}

extension RecordFields {
    func encodedJSONValues() -> EncodedJSONValues { .none }
}

/// Immutable shared storage for a record's fields.
///
/// Query pages, cursors and sorts copy records constantly; with the fields behind one
/// reference a copy is a single retain instead of one per string field. Writes build a new
/// storage (they are rare), so the fields never change under a reader and a `let` keeps the
/// class trivially `Sendable` without exclusivity checks on every read. The JSON size bound
/// (exact when the values are pre-encoded) is computed once here, so sizing a page is one
/// load per record.
final class RecordStorage<Fields: RecordFields>: Sendable {
    let fields: Fields
    let encodedValues: EncodedJSONValues
    let maximumJSONBytes: Int

    init(_ fields: Fields) {
        self.fields = fields
        encodedValues = fields.encodedJSONValues()
        maximumJSONBytes = encodedValues.isEmpty ? fields.maximumJSONBytes : encodedValues.valueBytes
    }
}
