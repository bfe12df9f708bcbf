import DealdeckCore

/// One record of a page to write: the opportunity, and whether Salesforce has it in the recycle bin.
public struct CachedRecord: Sendable, Equatable {
    public var opportunity: Opportunity
    public var isDeleted: Bool

    public init(_ opportunity: Opportunity, isDeleted: Bool = false) {
        self.opportunity = opportunity
        self.isDeleted = isDeleted
    }
}
