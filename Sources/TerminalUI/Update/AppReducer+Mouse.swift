extension AppReducer {
    /// Clicks select rows, switch tabs and sort by a header; the wheel scrolls what it is over.
    static func handleMouse(_ event: MouseEvent, _ state: inout AppState) -> [Effect] {
        guard state.mouseEnabled else { return [] }
        let layout = Layout(state)
        let position = event.position
        if case .help = state.mode {
            switch event.kind {
            case .wheelDown: return run(.helpDown, &state) + run(.helpDown, &state) + run(.helpDown, &state)
            case .wheelUp: return run(.helpUp, &state) + run(.helpUp, &state) + run(.helpUp, &state)
            case .click, .doubleClick:
                state.mode = .normal
                return []
            }
        }
        guard state.mode == .normal else { return [] }
        switch event.kind {
        case .wheelDown, .wheelUp:
            let step = event.kind == .wheelDown ? 3 : -3
            if let detail = layout.detail, detail.contains(position) {
                state.detail.scroll = max(0, state.detail.scroll + step)
                return []
            }
            return move(by: step, scroll: step, &state)
        case .click, .doubleClick:
            if layout.tabBar.contains(position) {
                guard let tab = TabBar.tab(at: position.column, state: state) else { return [] }
                return switchTab(tab, &state)
            }
            if let list = layout.list, list.row(0).contains(position) {
                guard let field = OpportunityTable.sortField(at: position.column - list.x, width: list.width) else { return [] }
                return sortBy(field, &state)
            }
            if let body = layout.listBody, body.contains(position) {
                let index = state.list.top + (position.row - body.y)
                guard index < (state.list.extent ?? 0) else { return [] }
                var effects = moveTo(index, &state)
                if event.kind == .doubleClick { effects += run(.zoomDetail, &state) }
                return effects
            }
            return []
        }
    }
}
