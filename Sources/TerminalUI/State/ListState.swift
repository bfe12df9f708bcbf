/// The list's position and the rows loaded for it. Selection and scroll are list indexes, so a
/// resize or a refresh only re-lays out; nothing is lost.
public struct ListState: Equatable, Sendable {
    public var query: ListQuery
    /// How many opportunities the query matches; nil until known. After a cache change it
    /// holds the last count while a recount runs.
    public var total: Int?
    /// A count for this query is being read (counting a million rows takes longer than
    /// reading a screenful, so rows are shown first and the count follows).
    public var counting = false
    /// `G` was pressed before the count was known: jump to the end when it arrives.
    public var wantsLast = false
    /// The selected list index.
    public var selected: Int = 0
    /// The list index shown in the first visible row.
    public var top: Int = 0
    public var window: ListWindow?
    /// The read in flight, so the same one is not asked for twice.
    public var pending: WindowRequest?
    /// The last read error, shown in place of the rows.
    public var error: String?

    public init(query: ListQuery) {
        self.query = query
    }

    /// How far the list is known to reach: the count, or until it arrives, the end of the
    /// rows read so far.
    public var extent: Int? {
        if let total { return total }
        guard let window, window.query == query else { return nil }
        return window.range.upperBound
    }

    /// How far to draw rows: the extent, or while the first rows of a new query are read,
    /// the rows of the previous one (so typing a filter does not flash "Loading").
    public var shownExtent: Int? {
        extent ?? window?.range.upperBound
    }

    /// The selected row, when it is loaded.
    public var selectedRow: ListRow? {
        guard let window, window.query == query else { return nil }
        return window.row(at: selected)
    }
}
