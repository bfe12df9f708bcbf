import DealdeckCore
import Foundation

/// The opportunity list: a header with the sort arrow, the visible rows, and what to say when
/// there are none. It reads only the loaded window, never the cache.
public enum OpportunityTable {
    static func draw(_ state: AppState, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, role: .text)
        guard rect.height > 0 else { return }
        let columns = TableColumn.layout(width: rect.width)
        drawHeader(state, columns: columns, in: rect.row(0), on: &canvas)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard body.height > 0 else { return }
        if let message = emptyMessage(state) {
            let role: ThemeRole = state.list.error != nil ? .statusError : .textDim
            for (offset, line) in TextWrap.wrap(message, width: max(1, body.width - 2)).prefix(body.height).enumerated() {
                canvas.text(line, x: body.x + 1, y: body.y + offset, role: role)
            }
            return
        }
        let total = state.list.shownExtent ?? 0
        let focused = isListFocused(state.mode)
        for offset in 0..<body.height {
            let index = state.list.top + offset
            guard index < total else { break }
            let y = body.y + offset
            if let row = state.list.window?.row(at: index) {
                drawRow(row, state: state, columns: columns, x: body.x, y: y, on: &canvas)
            } else {
                canvas.text("…", x: body.x + 2, y: y, role: .textDim)
            }
            if index == state.list.selected {
                canvas.setRole(focused ? .selection : .selectionInactive, y: y, x: body.x, width: body.width)
            }
        }
    }

    /// While the filter or command line takes the keys, the selection is drawn inactive.
    private static func isListFocused(_ mode: InputMode) -> Bool {
        switch mode {
        case .normal, .help: return true
        case .filter, .command: return false
        }
    }

    private static func drawHeader(_ state: AppState, columns: [TableColumn.Placed], in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, role: .header)
        let sort = state.list.query.sort
        for placed in columns {
            var title = placed.column.title
            if placed.column.sortField == sort.field {
                title += String(sort.descending ? canvas.glyphs.sortDescending : canvas.glyphs.sortAscending)
            }
            canvas.fitted(title, x: rect.x + placed.x, y: rect.y, width: placed.width, role: .header, alignRight: placed.column.alignRight)
        }
    }

    private static func drawRow(_ row: ListRow, state: AppState, columns: [TableColumn.Placed], x: Int, y: Int, on canvas: inout Canvas) {
        let opportunity = row.opportunity
        for placed in columns {
            let cellX = x + placed.x
            switch placed.column.id {
            case .mark:
                let (glyph, role) = freshness(row.syncedAt, now: state.now, glyphs: canvas.glyphs)
                canvas.text(String(glyph), x: cellX, y: y, role: role, maxWidth: 1)
            case .name:
                canvas.fitted(opportunity.name, x: cellX, y: y, width: placed.width, role: .text)
            case .account:
                canvas.fitted(opportunity.accountName ?? "—", x: cellX, y: y, width: placed.width, role: .text)
            case .stage:
                canvas.fitted(opportunity.stageName, x: cellX, y: y, width: placed.width, role: stageRole(opportunity))
            case .amount:
                canvas.fitted(
                    AmountFormatting.amount(opportunity.amount, currency: opportunity.currencyIsoCode), x: cellX, y: y, width: placed.width,
                    role: .amount, alignRight: true)
            case .closeDate:
                canvas.fitted(opportunity.closeDate.description, x: cellX, y: y, width: placed.width, role: .text)
            case .probability:
                canvas.fitted(AmountFormatting.percent(opportunity.probability), x: cellX, y: y, width: placed.width, role: .text, alignRight: true)
            case .owner:
                canvas.fitted(opportunity.ownerName ?? "—", x: cellX, y: y, width: placed.width, role: .text)
            }
        }
    }

    /// What to show instead of rows, if anything.
    static func emptyMessage(_ state: AppState) -> String? {
        if let error = state.list.error { return error }
        guard let total = state.list.shownExtent else { return Strings.loading }
        guard total == 0 else { return nil }
        if !state.list.query.filterText.isEmpty { return Strings.noMatches }
        if state.tab == .mine && state.sync.lastSuccessAt != nil {
            return state.user.isAdmin ? Strings.nothingAssignedAdmin : Strings.nothingAssigned
        }
        return state.sync.unavailableReason == nil ? Strings.nothingCached : Strings.nothingCachedNoSync
    }

    /// Won is green, lost red, late stages (probability ≥ 50%) stand out from early ones.
    public static func stageRole(_ opportunity: Opportunity) -> ThemeRole {
        if opportunity.isWon { return .stageWon }
        if opportunity.isClosed { return .stageLost }
        if let probability = opportunity.probability, probability >= 50 { return .stageLate }
        return .stageEarly
    }

    /// The freshness mark: received from Salesforce within the hour, within a day, or longer ago.
    public static func freshness(_ syncedAt: SalesforceTimestamp?, now: Date, glyphs: Glyphs) -> (Character, ThemeRole) {
        guard let syncedAt else { return (glyphs.stale, .freshnessStale) }
        let age = now.timeIntervalSince1970 - syncedAt.secondsSinceEpoch
        if age < 3600 { return (glyphs.fresh, .freshnessFresh) }
        if age < 86_400 { return (glyphs.aging, .textDim) }
        return (glyphs.stale, .freshnessStale)
    }

    /// The sort field of the header column under an x offset, for mouse clicks.
    public static func sortField(at x: Int, width: Int) -> OpportunitySortField? {
        TableColumn.layout(width: width).first { x >= $0.x && x < $0.x + $0.width + 1 }?.column.sortField
    }
}
