import DealdeckCore

/// `sobjects/X/updated`: the IDs changed in a window. Use `latestDateCovered` as the next start.
public struct UpdatedRecords: Sendable, Equatable {
    public var ids: [SalesforceID]
    public var latestDateCovered: SalesforceTimestamp?

    public init(ids: [SalesforceID], latestDateCovered: SalesforceTimestamp?) {
        self.ids = ids
        self.latestDateCovered = latestDateCovered
    }
}

/// `sobjects/X/deleted`: records deleted in a window. When `earliestDateAvailable` is after the
/// last sync, deletes were lost (the recycle bin was purged) and a full ID reconciliation is due.
public struct DeletedRecords: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: SalesforceID
        public var deletedDate: SalesforceTimestamp?

        public init(id: SalesforceID, deletedDate: SalesforceTimestamp?) {
            self.id = id
            self.deletedDate = deletedDate
        }
    }

    public var records: [Entry]
    public var earliestDateAvailable: SalesforceTimestamp?
    public var latestDateCovered: SalesforceTimestamp?

    public init(records: [Entry], earliestDateAvailable: SalesforceTimestamp?, latestDateCovered: SalesforceTimestamp?) {
        self.records = records
        self.earliestDateAvailable = earliestDateAvailable
        self.latestDateCovered = latestDateCovered
    }
}

/// One entry of `/limits`, e.g. `DailyApiRequests`.
public struct OrgLimit: Sendable, Equatable {
    public var max: Int
    public var remaining: Int

    public init(max: Int, remaining: Int) {
        self.max = max
        self.remaining = remaining
    }

    public var used: Int { max - remaining }
}

/// One entry of `GET /services/data/`.
public struct APIVersionInfo: Sendable, Equatable {
    /// `62.0`.
    public var version: String
    /// `Winter '25`.
    public var label: String
    public var url: String
}
