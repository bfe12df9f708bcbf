/// The list's position and the rows loaded for it. Selection and scroll are list indexes, so a
/// resize or a refresh only re-lays out; nothing is lost.
public struct ListState: Equatable, Sendable {
    public var query: ListQuery
    /// How many opportunities the query matches; nil until the first answer.
    public var total: Int?
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

    /// The selected row, when it is loaded.
    public var selectedRow: ListRow? {
        guard let window, window.query == query else { return nil }
        return window.row(at: selected)
    }
}
