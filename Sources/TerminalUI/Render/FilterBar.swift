import DealdeckCore

/// The filter row: the filter being typed (or applied), and why it does not parse, inline.
enum FilterBar {
    static func draw(_ state: AppState, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, role: .text)
        var text = state.list.query.filterText
        var editing = false
        if case .filter(let field, _) = state.mode {
            text = field.text
            editing = true
        }
        var x = rect.x + canvas.text(Strings.filterPrompt + " ", x: rect.x, y: rect.y, role: .helpKey)
        let available = rect.maxX - x
        let shown = editing ? tail(text, width: available - 1) : text
        x += canvas.text(shown, x: x, y: rect.y, role: editing ? .inputFocused : .input, maxWidth: available)
        if editing { canvas.showCursor(x: x, y: rect.y) }
        if let error = state.filterError {
            canvas.text("  ✗ " + error, x: x + 1, y: rect.y, role: .statusError, maxWidth: rect.maxX - x - 1)
        } else if editing && text.isEmpty {
            canvas.text(Strings.filterHint, x: x + 1, y: rect.y, role: .textDim, maxWidth: rect.maxX - x - 1)
        }
    }

    /// The end of the text that fits, so the cursor stays visible while typing a long filter.
    static func tail(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        var result = ""
        var used = 0
        for character in text.reversed() {
            let characterWidth = TerminalText.width(of: character)
            if used + characterWidth > width { break }
            result.insert(character, at: result.startIndex)
            used += characterWidth
        }
        return result
    }
}
