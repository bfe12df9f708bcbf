import DealdeckCore

extension AppReducer {
    /// Makes sure the rows in view are loaded (or asked for). Reads a window of three screens
    /// around the visible rows, so scrolling a page either way needs no wait; for a query with
    /// nothing on screen yet (each keystroke of a filter), the screenful alone first, and the
    /// margins once it shows (`windowLoaded`): a filtered read costs what it walks, and the
    /// margins would triple that before the keystroke's frame.
    static func ensureWindow(_ state: inout AppState, force: Bool = false) -> [Effect] {
        let visible = Layout(state).visibleRows
        clampSelection(&state, visible: visible)
        let query = state.list.query
        let needed = state.list.top..<(state.list.top + visible)
        if !force {
            if let window = state.list.window, window.query == query, covers(window.range, needed, total: state.list.extent) { return [] }
            if let pending = state.list.pending, pending.query == query, covers(pending.range, needed, total: nil) { return [] }
        }
        let request = state.list.window?.query == query
            ? WindowRequest(query: query, offset: max(0, state.list.top - visible), limit: visible * 3)
            : WindowRequest(query: query, offset: state.list.top, limit: visible)
        state.list.pending = request
        return [.loadWindow(request)]
    }

    /// After a screenful-only window: the margins around it, unless the list ends inside it.
    private static func loadMargins(after result: WindowResult, _ state: inout AppState) -> [Effect] {
        let visible = Layout(state).visibleRows
        guard result.limit < visible * 3, state.list.pending == nil, result.window.query == state.list.query else { return [] }
        let end = result.window.offset + result.window.rows.count
        guard result.window.offset > 0 || (state.list.extent.map { $0 > end } ?? true) else { return [] }
        return ensureWindow(&state, force: true)
    }

    /// Whether a loaded or requested range holds every needed row (rows past the end of the
    /// list need no loading).
    private static func covers(_ range: Range<Int>, _ needed: Range<Int>, total: Int?) -> Bool {
        let end = total.map { min(needed.upperBound, $0) } ?? needed.upperBound
        let start = min(needed.lowerBound, end)
        return range.lowerBound <= start && range.upperBound >= end
    }

    /// Keeps the selection inside the list (as far as it is known) and the view around the
    /// selection.
    static func clampSelection(_ state: inout AppState, visible: Int) {
        guard let total = state.list.extent, total > 0 else {
            state.list.selected = 0
            state.list.top = 0
            return
        }
        state.list.selected = min(max(0, state.list.selected), total - 1)
        if state.list.selected < state.list.top { state.list.top = state.list.selected }
        if state.list.selected >= state.list.top + visible { state.list.top = state.list.selected - visible + 1 }
        state.list.top = min(max(0, state.list.top), max(0, total - visible))
    }

    static func windowLoaded(_ result: WindowResult, _ state: inout AppState) -> [Effect] {
        guard result.window.query == state.list.query else { return [] }
        if let pending = state.list.pending, pending.query == result.window.query, pending.offset == result.window.offset {
            state.list.pending = nil
        }
        state.list.window = result.window
        state.list.error = nil
        var effects: [Effect] = []
        let window = result.window
        if let total = result.total {
            state.list.total = total
        } else if window.rows.count < result.limit && (!window.rows.isEmpty || window.offset == 0) {
            // The list ends inside this window, so its length is known without counting.
            state.list.total = window.offset + window.rows.count
        } else if !state.list.counting {
            state.list.counting = true
            effects.append(.loadCount(window.query))
        }
        jumpToEndIfWanted(length: state.list.total, &state)
        effects += ensureWindow(&state)
        effects += loadMargins(after: result, &state)
        if state.list.total == 0 {
            state.detail.record = nil
            state.detail.loadingID = nil
        }
        effects += syncDetail(&state)
        return effects
    }

    static func countLoaded(_ query: ListQuery, _ total: Int?, _ state: inout AppState) -> [Effect] {
        guard query == state.list.query else { return [] }
        state.list.counting = false
        if let total { state.list.total = total }
        // A failed count still ends the wait: the end is then the last row read (or the top).
        jumpToEndIfWanted(length: state.list.extent ?? 1, &state)
        return ensureWindow(&state) + syncDetail(&state)
    }

    /// Carries out a `G` that waited for the list's length, once `length` is known.
    private static func jumpToEndIfWanted(length: Int?, _ state: inout AppState) {
        guard state.list.wantsLast, let length else { return }
        state.list.wantsLast = false
        state.list.selected = max(0, length - 1)
    }

    /// Jumps to the last row, or once the count arrives if it is still running.
    static func moveToLast(_ state: inout AppState) -> [Effect] {
        guard let total = state.list.total else {
            state.list.wantsLast = true
            return []
        }
        return moveTo(max(0, total - 1), &state)
    }

    /// Loads the selected opportunity into the detail pane when the pane shows and the
    /// selection moved to another record.
    static func syncDetail(_ state: inout AppState) -> [Effect] {
        guard Layout(state).detail != nil, let row = state.list.selectedRow else { return [] }
        let id = row.opportunity.id
        if state.detail.loadingID == id || (state.detail.loadingID == nil && state.detail.record?.opportunity.id == id) { return [] }
        state.detail.loadingID = id
        state.detail.scroll = 0
        return [.loadDetail(id)]
    }

    /// Moves the selection by `delta` rows (and the view by `scroll`), then loads what is needed.
    static func move(by delta: Int, scroll: Int = 0, _ state: inout AppState) -> [Effect] {
        state.list.selected += delta
        state.list.top += scroll
        return ensureWindow(&state) + syncDetail(&state)
    }

    static func moveTo(_ index: Int, _ state: inout AppState) -> [Effect] {
        state.list.selected = index
        return ensureWindow(&state) + syncDetail(&state)
    }

    /// Switches the query (tab, filter or sort): back to the top, rows re-read.
    static func changeQuery(_ state: inout AppState, _ change: (inout ListQuery) -> Void) -> [Effect] {
        var query = state.list.query
        change(&query)
        guard query != state.list.query else { return [] }
        state.list.query = query
        state.list.selected = 0
        state.list.top = 0
        state.list.total = nil
        state.list.counting = false
        state.list.wantsLast = false
        state.list.error = nil
        return ensureWindow(&state, force: true)
    }

    static func switchTab(_ tab: ListTab, _ state: inout AppState) -> [Effect] {
        guard tab == .mine || state.user.isAdmin else {
            flash(.warning, Strings.allTabNeedsAdmin, &state)
            return []
        }
        return changeQuery(&state) { $0.tab = tab }
    }

    /// The columns `<` and `>` step through, in on-screen order.
    static let sortCycle: [OpportunitySortField] = [.name, .account, .stage, .amount, .closeDate, .probability, .owner]

    /// Big numbers and recent dates are what people look for first.
    static func defaultDescending(_ field: OpportunitySortField) -> Bool {
        [.amount, .probability, .modified, .created].contains(field)
    }

    static func setSort(_ sort: OpportunitySort, _ state: inout AppState) -> [Effect] {
        flash(.info, Strings.sorted(by: sort), &state)
        return changeQuery(&state) { $0.sort = sort }
    }

    /// Sorts by a column; the same column again reverses the order (like clicking a header).
    static func sortBy(_ field: OpportunitySortField, _ state: inout AppState) -> [Effect] {
        let current = state.list.query.sort
        let sort = current.field == field
            ? OpportunitySort(field: field, descending: !current.descending)
            : OpportunitySort(field: field, descending: defaultDescending(field))
        return setSort(sort, &state)
    }

    static func stepSort(by step: Int, _ state: inout AppState) -> [Effect] {
        let index = sortCycle.firstIndex(of: state.list.query.sort.field) ?? -1
        let next = sortCycle[((index + step) % sortCycle.count + sortCycle.count) % sortCycle.count]
        return setSort(OpportunitySort(field: next, descending: defaultDescending(next)), &state)
    }

    /// Applies typed filter text if it parses; otherwise keeps the last good filter and says why.
    static func applyFilterText(_ text: String, _ state: inout AppState) -> [Effect] {
        do {
            let filter = try OpportunityFilter(parsing: text)
            state.filterError = nil
            return changeQuery(&state) {
                $0.filterText = text
                $0.filter = filter
            }
        } catch {
            state.filterError = error.description
            return []
        }
    }
}
