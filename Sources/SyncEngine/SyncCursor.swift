import DealdeckCore

/// A position in `(SystemModstamp, Id)` order: ties on the timestamp are broken by the ID. The
/// engine's resume point inside a query and, at the end of a run, the watermark.
public struct SyncCursor: Equatable, Comparable, Sendable, Codable {
    public var systemModstamp: SalesforceTimestamp
    public var id: SalesforceID

    public init(systemModstamp: SalesforceTimestamp, id: SalesforceID) {
        self.systemModstamp = systemModstamp
        self.id = id
    }

    public init(_ opportunity: Opportunity) {
        self.init(systemModstamp: opportunity.systemModstamp, id: opportunity.id)
    }

    public static func < (lhs: SyncCursor, rhs: SyncCursor) -> Bool {
        (lhs.systemModstamp, lhs.id) < (rhs.systemModstamp, rhs.id)
    }

    /// The smallest ID, for positions that only have a time (a Bulk job's snapshot time).
    public static let lowestID = SalesforceID(keyPrefix: "000", pod: "00", number: 0)
}
