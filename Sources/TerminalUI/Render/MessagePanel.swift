import DealdeckCore

/// A warning or error too long for the status bar (a sync failure with the doctor's advice, a
/// broken theme file): shown whole, wrapped, in a box just above the status bar until it expires
/// or Esc dismisses it.
enum MessagePanel {
    static let maximumLines = 6

    static func draw(_ state: AppState, above status: Rect, on canvas: inout Canvas) {
        guard let flash = state.flash, flash.level == .error || flash.level == .warning else { return }
        guard TerminalText.width(flash.text) > StatusLine.messageWidth(state, width: status.width), status.width >= 20 else { return }
        let lines = Array(TextWrap.wrap(flash.text, width: status.width - 4).prefix(maximumLines))
        let height = lines.count + 2
        guard status.y - height >= 1 else { return }
        let frame = Rect(x: 0, y: status.y - height, width: status.width, height: height)
        let role: ThemeRole = flash.level == .error ? .statusError : .statusWarning
        canvas.fill(frame, role: .overlay)
        canvas.box(frame, role: .overlayBorder, title: flash.level == .error ? "Error (Esc closes)" : "Warning (Esc closes)", titleRole: role)
        for (offset, line) in lines.enumerated() {
            canvas.text(line, x: frame.x + 2, y: frame.y + 1 + offset, role: .overlay)
        }
    }
}
