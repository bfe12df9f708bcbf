import DealdeckCore

/// Get Deleted's answer for one window.
public struct SourceDeletions: Equatable, Sendable {
    /// Records deleted in the window (still in the recycle bin).
    public var ids: [SalesforceID]
    /// The deletion time of the newest record physically removed from the recycle bin: deletes
    /// after it may have vanished without trace.
    public var earliestDateAvailable: SalesforceTimestamp?
    /// The end of the window Salesforce actually covered (at most its "now", to the minute).
    public var latestDateCovered: SalesforceTimestamp?

    public init(ids: [SalesforceID], earliestDateAvailable: SalesforceTimestamp?, latestDateCovered: SalesforceTimestamp?) {
        self.ids = ids
        self.earliestDateAvailable = earliestDateAvailable
        self.latestDateCovered = latestDateCovered
    }
}
