/// The rows read from the cache around what is visible: `rows[0]` is list index `offset`.
/// Only this window is ever in memory, however many opportunities the cache holds.
public struct ListWindow: Equatable, Sendable {
    public var query: ListQuery
    public var offset: Int
    public var rows: [ListRow]

    public init(query: ListQuery, offset: Int, rows: [ListRow]) {
        self.query = query
        self.offset = offset
        self.rows = rows
    }

    public var range: Range<Int> { offset..<(offset + rows.count) }

    /// The row at a list index, if the window holds it.
    public func row(at index: Int) -> ListRow? {
        guard range.contains(index) else { return nil }
        return rows[index - offset]
    }
}

/// A window read from the cache, with the total the query matches when it is already known
/// (nil: not counted since the cache last changed; the reducer asks for a count).
public struct WindowResult: Equatable, Sendable {
    public var window: ListWindow
    public var total: Int?
    /// How many rows were asked for: fewer rows than that means the list ends in this window.
    public var limit: Int

    public init(window: ListWindow, total: Int?, limit: Int) {
        self.window = window
        self.total = total
        self.limit = limit
    }
}

/// A read the reducer asked for and has not seen the answer to yet.
public struct WindowRequest: Equatable, Sendable {
    public var query: ListQuery
    public var offset: Int
    public var limit: Int

    public init(query: ListQuery, offset: Int, limit: Int) {
        self.query = query
        self.offset = offset
        self.limit = limit
    }

    public var range: Range<Int> { offset..<(offset + limit) }
}
