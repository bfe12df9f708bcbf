import DealdeckCore

/// Which opportunities a list shows, filtered and sorted.
public struct OpportunityListRequest: Equatable, Sendable {
    public var scope: Scope
    public var filter: OpportunityFilter
    public var sort: OpportunitySort
    /// "Today" for relative date terms such as `close<30d`; time enters from the caller.
    public var today: CalendarDate

    public enum Scope: Equatable, Sendable {
        /// Every live opportunity (the admins' "All Opportunities").
        case all
        /// Opportunities assigned to this user: manual memberships plus those the user's linked
        /// Salesforce user owns.
        case assigned(loginName: String, salesforceUserId: SalesforceID?)
    }

    public init(scope: Scope, filter: OpportunityFilter = OpportunityFilter(), sort: OpportunitySort = .default, today: CalendarDate) {
        self.scope = scope
        self.filter = filter
        self.sort = sort
        self.today = today
    }
}
