import DealdeckCore

/// Draws into a screen buffer, clipped to a rectangle, so a widget can never draw outside the
/// area it was given (TermKit's `Painter`).
///
/// Every string passes through `TerminalText.sanitize` here: whatever a widget draws, control
/// characters, escape sequences and bidi overrides never reach the buffer, let alone the terminal.
public struct Canvas {
    public private(set) var buffer: ScreenBuffer
    public private(set) var clip: Rect
    public let glyphs: Glyphs

    public init(buffer: ScreenBuffer, glyphs: Glyphs) {
        self.buffer = buffer
        self.glyphs = glyphs
        clip = Rect(size: buffer.size)
    }

    /// Runs `body` with drawing limited to `rect` (within the current clip).
    public mutating func clipped(to rect: Rect, _ body: (inout Canvas) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        body(&self)
        clip = saved
    }

    /// Fills a rectangle with one grapheme in one role.
    public mutating func fill(_ rect: Rect, role: ThemeRole, with grapheme: Character = " ") {
        let area = rect.intersection(clip)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX { buffer.put(grapheme, width: 1, role: role, row: row, column: column) }
        }
    }

    /// Writes text from `(x, y)`, at most `maxWidth` columns (and never past the clip), and
    /// returns the columns used. A wide grapheme that would straddle the edge is left out.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, role: ThemeRole, maxWidth: Int = Int.max) -> Int {
        guard y >= clip.y, y < clip.maxY else { return 0 }
        // maxWidth may be Int.max ("to the edge"): compare before adding, so nothing overflows.
        let limit = maxWidth >= clip.maxX - x ? clip.maxX : x + max(0, maxWidth)
        var column = x
        for character in TerminalText.sanitize(text) {
            let width = TerminalText.width(of: character)
            if width == 0 { continue }
            if column + width > limit { break }
            if column >= clip.x { buffer.put(character, width: width, role: role, row: y, column: column) }
            column += width
        }
        return column - x
    }

    /// Writes text cut or padded to exactly `width` columns (`…` marks a cut).
    public mutating func fitted(_ text: String, x: Int, y: Int, width: Int, role: ThemeRole, alignRight: Bool = false) {
        guard width > 0 else { return }
        let safe = TerminalText.sanitize(text)
        self.text(TerminalText.fit(safe, toWidth: width, alignRight: alignRight), x: x, y: y, role: role, maxWidth: width)
    }

    /// Changes the role of a span of cells without changing their text (selection highlight).
    public mutating func setRole(_ role: ThemeRole, y: Int, x: Int, width: Int) {
        guard y >= clip.y, y < clip.maxY else { return }
        buffer.setRole(role, row: y, columns: max(x, clip.x)..<min(x + width, clip.maxX))
    }

    public mutating func horizontalLine(x: Int, y: Int, width: Int, role: ThemeRole) {
        fill(Rect(x: x, y: y, width: width, height: 1), role: role, with: glyphs.horizontal)
    }

    public mutating func verticalLine(x: Int, y: Int, height: Int, role: ThemeRole) {
        fill(Rect(x: x, y: y, width: 1, height: height), role: role, with: glyphs.vertical)
    }

    /// A frame around `rect` with an optional title in its top edge.
    public mutating func box(_ rect: Rect, role: ThemeRole, title: String? = nil, titleRole: ThemeRole = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        horizontalLine(x: rect.x + 1, y: rect.y, width: rect.width - 2, role: role)
        horizontalLine(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, role: role)
        verticalLine(x: rect.x, y: rect.y + 1, height: rect.height - 2, role: role)
        verticalLine(x: rect.maxX - 1, y: rect.y + 1, height: rect.height - 2, role: role)
        put(glyphs.topLeft, x: rect.x, y: rect.y, role: role)
        put(glyphs.topRight, x: rect.maxX - 1, y: rect.y, role: role)
        put(glyphs.bottomLeft, x: rect.x, y: rect.maxY - 1, role: role)
        put(glyphs.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, role: role)
        if let title, rect.width > 6 {
            text(" \(title) ", x: rect.x + 2, y: rect.y, role: titleRole, maxWidth: rect.width - 4)
        }
    }

    /// Writes `text` (part or all of a URL, as plain text, always) and records the span as a
    /// hyperlink to `url`. A URL wrapped over several rows is several spans with one URL.
    @discardableResult
    public mutating func link(_ text: String, url: String, x: Int, y: Int, role: ThemeRole, maxWidth: Int = Int.max) -> Int {
        let used = self.text(text, x: x, y: y, role: role, maxWidth: maxWidth)
        let start = max(x, clip.x)
        if used > start - x, y >= clip.y, y < clip.maxY {
            buffer.hyperlinks.append(Hyperlink(row: y, column: start, width: used - (start - x), url: TerminalText.sanitize(url)))
        }
        return used
    }

    /// Shows the text cursor at a position (text input); hidden unless some widget sets it.
    public mutating func showCursor(x: Int, y: Int) {
        guard clip.contains(Position(row: y, column: x)) else { return }
        buffer.cursor = Position(row: y, column: x)
    }

    private mutating func put(_ grapheme: Character, x: Int, y: Int, role: ThemeRole) {
        guard clip.contains(Position(row: y, column: x)) else { return }
        buffer.put(grapheme, width: 1, role: role, row: y, column: x)
    }
}
