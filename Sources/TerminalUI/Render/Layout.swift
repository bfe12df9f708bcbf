/// Where each part of the screen goes for a state and size. The reducer uses it too (page size,
/// mouse hit-testing), so what moves and what is drawn always agree.
///
/// Wide terminals (≥ 100 columns) put the detail pane at the right; narrower ones put it below
/// the list when there are rows to spare, otherwise Enter shows it full width.
public struct Layout: Equatable, Sendable {
    /// Below this the screen only explains that it needs more room.
    public static let minimumSize = Size(width: 40, height: 10)
    /// From this width the detail pane sits beside the list.
    public static let sideBySideWidth = 100
    /// From this body height the detail pane fits below the list.
    public static let stackedHeight = 18

    public var size: Size
    public var isTooSmall: Bool
    public var tabBar: Rect
    public var filterBar: Rect?
    /// The list including its header row, when shown.
    public var list: Rect?
    public var detail: Rect?
    /// The line between list and detail: vertical (x) or horizontal (y).
    public var verticalSeparatorX: Int?
    public var horizontalSeparatorY: Int?
    public var status: Rect
    public var hints: Rect

    public init(_ state: AppState) {
        let width = state.size.width
        let height = state.size.height
        size = state.size
        isTooSmall = width < Self.minimumSize.width || height < Self.minimumSize.height
        tabBar = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: max(0, height - 2), width: width, height: 1)
        hints = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
        var top = 1
        if Self.showsFilterBar(state) {
            filterBar = Rect(x: 0, y: 1, width: width, height: 1)
            top = 2
        }
        let body = Rect(x: 0, y: top, width: width, height: height - 2 - top)
        guard !isTooSmall else { return }
        if state.detail.isZoomed {
            detail = body
        } else if !state.detail.isVisible {
            list = body
        } else if width >= Self.sideBySideWidth {
            let detailWidth = min(64, max(36, width * 2 / 5))
            list = Rect(x: 0, y: top, width: width - detailWidth - 1, height: body.height)
            verticalSeparatorX = width - detailWidth - 1
            detail = Rect(x: width - detailWidth, y: top, width: detailWidth, height: body.height)
        } else if body.height >= Self.stackedHeight {
            let listHeight = max(6, body.height / 2)
            list = Rect(x: 0, y: top, width: width, height: listHeight)
            horizontalSeparatorY = top + listHeight
            detail = Rect(x: 0, y: top + listHeight + 1, width: width, height: body.height - listHeight - 1)
        } else {
            list = body
        }
    }

    /// The rows that show opportunities (below the column header).
    public var listBody: Rect? {
        guard let list, list.height > 1 else { return nil }
        return Rect(x: list.x, y: list.y + 1, width: list.width, height: list.height - 1)
    }

    /// How many opportunities are visible at once (at least 1, so paging always moves).
    public var visibleRows: Int { max(1, listBody?.height ?? 1) }

    static func showsFilterBar(_ state: AppState) -> Bool {
        if case .filter = state.mode { return true }
        return !state.list.query.filterText.isEmpty || state.filterError != nil
    }
}
