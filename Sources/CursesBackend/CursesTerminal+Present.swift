import CNCursesW
import DealdeckCore
import Glibc
import TerminalUI

extension CursesTerminal {
    /// Shows a buffer. Only cells that differ from the last frame are handed to curses (which
    /// then minimises what goes to the terminal); a new size or theme repaints everything.
    public func present(_ buffer: ScreenBuffer) {
        guard buffer.size.width > 0, buffer.size.height > 0 else { return }
        if palette?.source != buffer.theme {
            palette = CursesPalette(theme: buffer.theme, mode: colorMode, pairs: &pairs)
            lastFrame = nil
        }
        guard let palette else { return }
        let previous = lastFrame?.size == buffer.size ? lastFrame : nil
        if previous == nil { werase(dd_stdscr()) }
        var changed = previous == nil
        let height = min(buffer.size.height, Int(dd_lines()))
        let width = min(buffer.size.width, Int(dd_cols()))
        var characters = [wchar_t](repeating: 0, count: 6)
        for row in 0..<height {
            for column in 0..<width {
                let cell = buffer[row, column]
                if let previous, previous[row, column] == cell { continue }
                changed = true
                if cell.isWideContinuation { continue }
                Self.wideCharacters(cell.grapheme, into: &characters)
                let style = palette.style(cell.role)
                _ = dd_put_cell(Int32(row), Int32(column), characters, style.attributes, style.pair)
            }
        }
        let cursorChanged = updateCursor(buffer.cursor)
        if changed || cursorChanged {
            wnoutrefresh(dd_stdscr())
            doupdate()
        }
        if changed && options.hyperlinks { writeHyperlinks(buffer, palette: palette) }
        lastFrame = buffer
    }

    private func updateCursor(_ position: Position?) -> Bool {
        if let position {
            if !cursorVisible {
                curs_set(1)
                cursorVisible = true
            }
            wmove(dd_stdscr(), Int32(position.row), Int32(position.column))
            return true
        }
        if cursorVisible {
            curs_set(0)
            cursorVisible = false
            return true
        }
        return false
    }

    /// Redraws each hyperlink span wrapped in OSC 8, in its role's style, saving and restoring
    /// the cursor and attributes so curses's picture of the screen stays true.
    private func writeHyperlinks(_ buffer: ScreenBuffer, palette: CursesPalette) {
        var output = ""
        for link in buffer.hyperlinks {
            var text = ""
            for column in link.column..<min(buffer.size.width, link.column + link.width) {
                let cell = buffer[link.row, column]
                if !cell.isWideContinuation { text.append(cell.grapheme) }
            }
            let role = buffer[link.row, link.column].role
            if let sequence = TerminalEscapes.hyperlink(link.url, text: text, row: link.row, column: link.column, sgr: palette.sgr(role)) {
                output += sequence
            }
        }
        if !output.isEmpty { writeRaw(output) }
    }

    /// A grapheme as curses wants it: the base character plus up to four zero-width marks,
    /// NUL-terminated. Extra wide scalars (the rest of an emoji ZWJ sequence) are dropped, because
    /// curses would count their width too and shift the rest of the row.
    static func wideCharacters(_ grapheme: Character, into characters: inout [wchar_t]) {
        var count = 0
        for scalar in grapheme.unicodeScalars {
            let value = wchar_t(bitPattern: scalar.value)
            if count == 0 {
                characters[0] = dd_wcwidth(value) < 0 ? wchar_t(bitPattern: 0xFFFD) : value
                count = 1
            } else if dd_wcwidth(value) == 0 && count < 5 {
                characters[count] = value
                count += 1
            } else if dd_wcwidth(value) > 0 {
                break
            }
        }
        if count == 0 {
            characters[0] = wchar_t(bitPattern: 0x20)
            count = 1
        }
        characters[count] = 0
    }
}
