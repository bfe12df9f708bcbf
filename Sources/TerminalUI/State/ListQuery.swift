import DealdeckCore

/// What the list shows: which tab, filtered and sorted how, and what "today" is for relative
/// date terms. The runtime turns it into a cache request for the current user.
public struct ListQuery: Equatable, Hashable, Sendable {
    public var tab: ListTab
    /// The filter as typed, and parsed.
    public var filterText: String
    public var filter: OpportunityFilter
    public var sort: OpportunitySort
    public var today: CalendarDate

    public init(tab: ListTab = .mine, filterText: String = "", filter: OpportunityFilter = OpportunityFilter(), sort: OpportunitySort = .default, today: CalendarDate) {
        self.tab = tab
        self.filterText = filterText
        self.filter = filter
        self.sort = sort
        self.today = today
    }

    public static func == (lhs: ListQuery, rhs: ListQuery) -> Bool {
        lhs.tab == rhs.tab && lhs.filterText == rhs.filterText && lhs.sort == rhs.sort && lhs.today == rhs.today
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tab)
        hasher.combine(filterText)
        hasher.combine(sort.field)
        hasher.combine(sort.descending)
        hasher.combine(today)
    }
}
