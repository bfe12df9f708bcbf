import DealdeckCore

extension ScreenBuffer {
    /// The screen as text: one line per row, trailing spaces trimmed (like tig's
    /// `save_display`). Snapshot tests compare this.
    public func plainText() -> String {
        (0..<size.height).map { lineText($0) }.joined(separator: "\n")
    }

    /// One row as text, trailing spaces trimmed.
    public func lineText(_ row: Int) -> String {
        var text = ""
        for cell in self.row(row) where !cell.isWideContinuation { text.append(cell.grapheme) }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The screen with its roles: `{role}` starts a run of cells drawn in that role, so a
    /// snapshot also catches a widget drawn in the wrong style. Trailing blank cells in the
    /// plain `text` role are trimmed.
    public func styledText() -> String {
        var lines: [String] = []
        for row in 0..<size.height {
            var cells = Array(self.row(row))
            while let last = cells.last, last.role == .text, last.grapheme == " " || last.isWideContinuation { cells.removeLast() }
            var line = ""
            var current: ThemeRole?
            for cell in cells where !cell.isWideContinuation {
                if current != cell.role {
                    current = cell.role
                    line += "{\(cell.role.rawValue)}"
                }
                line.append(cell.grapheme)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
