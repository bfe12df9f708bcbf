import DealdeckCore

/// A stored record of any emulated object, read field by field through the slots its
/// `SObjectSchema` assigns.
public protocol SObjectRecord: Sendable {
    var id: SalesforceID { get }
    /// The value in a field slot (`FieldDefinition.slot`).
    func value(at slot: Int) -> WireValue
    /// The most bytes `writeJSON(slot:to:)` can write for all fields of this record together.
    var maximumJSONBytes: Int { get }
    /// Writes the value in a field slot as JSON; records on the query-page hot path write
    /// straight from storage instead of building a `WireValue` first.
    func writeJSON(slot: Int, to writer: inout RawByteWriter)
    /// Runs `body` with the record's field values encoded as JSON when it was stored (nil
    /// for types that do not pre-encode; see `EncodedJSONValues`).
    func withEncodedJSONValues<Result>(_ body: (EncodedJSONValues.View?) -> Result) -> Result
}

extension SObjectRecord {
    public func writeJSON(slot: Int, to writer: inout RawByteWriter) {
        writer.json(value(at: slot))
    }

    public func withEncodedJSONValues<Result>(_ body: (EncodedJSONValues.View?) -> Result) -> Result {
        body(nil)
    }
}
