import DealdeckCore

/// Renders the whole screen: a pure function of the state, the theme and the size.
public enum RootScreen {
    public static func render(_ state: AppState, theme: ThemeSpec, size: Size) -> ScreenBuffer {
        var state = state
        state.size = size
        var canvas = Canvas(buffer: ScreenBuffer(size: size, theme: theme), glyphs: state.glyphs)
        let layout = Layout(state)
        if layout.isTooSmall {
            drawTooSmall(size, on: &canvas)
            return canvas.buffer
        }
        TabBar.draw(state, in: layout.tabBar, on: &canvas)
        if let filterBar = layout.filterBar { FilterBar.draw(state, in: filterBar, on: &canvas) }
        if let list = layout.list { OpportunityTable.draw(state, in: list, on: &canvas) }
        if let x = layout.verticalSeparatorX, let detail = layout.detail {
            canvas.verticalLine(x: x, y: detail.y, height: detail.height, role: .border)
        }
        if let y = layout.horizontalSeparatorY {
            canvas.horizontalLine(x: 0, y: y, width: size.width, role: .border)
        }
        if let detail = layout.detail { DetailPane.draw(state, in: detail, on: &canvas) }
        if state.mode == .normal { MessagePanel.draw(state, above: layout.status, on: &canvas) }
        StatusLine.draw(state, in: layout.status, on: &canvas)
        HintBar.draw(state, in: layout.hints, on: &canvas)
        if case .help(let scroll) = state.mode { HelpOverlay.draw(state, scroll: scroll, on: &canvas) }
        return canvas.buffer
    }

    /// Below 40×10 the layout cannot work; say so plainly instead of drawing a broken screen.
    static func drawTooSmall(_ size: Size, on canvas: inout Canvas) {
        canvas.fill(Rect(size: size), role: .text)
        let lines = TextWrap.wrap(Strings.tooSmall(size), width: size.width)
        let top = max(0, (size.height - lines.count) / 2)
        for (offset, line) in lines.prefix(size.height).enumerated() {
            canvas.text(line, x: max(0, (size.width - TerminalText.width(line)) / 2), y: top + offset, role: .statusWarning)
        }
    }
}
