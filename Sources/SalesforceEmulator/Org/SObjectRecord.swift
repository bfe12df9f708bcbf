import DealdeckCore

/// A stored record of any emulated object, read field by field through the slots its
/// `SObjectSchema` assigns.
public protocol SObjectRecord: Sendable {
    var id: SalesforceID { get }
    /// The value in a field slot (`FieldDefinition.slot`).
    func value(at slot: Int) -> WireValue
}
