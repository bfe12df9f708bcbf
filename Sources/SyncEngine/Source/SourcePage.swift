import DealdeckCore

/// One record of a page: the opportunity, and whether it is in Salesforce's recycle bin.
public struct SourceRecord: Equatable, Sendable {
    public var opportunity: Opportunity
    public var isDeleted: Bool

    public init(opportunity: Opportunity, isDeleted: Bool = false) {
        self.opportunity = opportunity
        self.isDeleted = isDeleted
    }
}

/// One page of a query.
public struct SourcePage: Equatable, Sendable {
    public var records: [SourceRecord]
    /// Rows the whole query matched (Salesforce's `totalSize`).
    public var totalSize: Int
    /// Where the next page is (`nextRecordsUrl`); nil on the last page.
    public var nextPage: String?

    public init(records: [SourceRecord], totalSize: Int, nextPage: String? = nil) {
        self.records = records
        self.totalSize = totalSize
        self.nextPage = nextPage
    }

    public var done: Bool { nextPage == nil }
}

/// One page of an ID-only query.
public struct SourceIDPage: Equatable, Sendable {
    public var ids: [SalesforceID]
    public var totalSize: Int
    public var nextPage: String?

    public init(ids: [SalesforceID], totalSize: Int, nextPage: String? = nil) {
        self.ids = ids
        self.totalSize = totalSize
        self.nextPage = nextPage
    }
}
