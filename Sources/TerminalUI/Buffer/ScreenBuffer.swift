import DealdeckCore

/// What the screen should show: a grid of cells, the theme that styles their roles, the
/// hyperlink spans, and where the text cursor is (nil: hidden).
///
/// Rendering produces one of these from the state; a backend presents it. Nothing else writes
/// to the terminal, so a buffer is also what snapshot tests compare.
public struct ScreenBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    public var theme: ThemeSpec
    public var hyperlinks: [Hyperlink] = []
    public var cursor: Position?

    public init(size: Size, theme: ThemeSpec) {
        self.size = size
        self.theme = theme
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        guard contains(row: row, column: column) else { return .blank }
        return cells[row * size.width + column]
    }

    public func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < size.height && column >= 0 && column < size.width
    }

    /// The cells of one row.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        guard row >= 0 && row < size.height else { return [] }
        return cells[row * size.width..<(row + 1) * size.width]
    }

    /// Puts a grapheme of `width` columns (1 or 2) at a position, repairing any wide grapheme
    /// it partly overwrites so no half of a wide character is left behind.
    public mutating func put(_ grapheme: Character, width: Int, role: ThemeRole, row: Int, column: Int) {
        guard contains(row: row, column: column) else { return }
        let wide = width == 2 && column + 1 < size.width
        clearHalves(row: row, column: column)
        if wide { clearHalves(row: row, column: column + 1) }
        let index = row * size.width + column
        cells[index] = Cell(width == 2 && !wide ? " " : grapheme, role: role)
        if wide { cells[index + 1] = .continuation(role: role) }
    }

    /// Sets the role of the cells in a span without changing their text.
    public mutating func setRole(_ role: ThemeRole, row: Int, columns: Range<Int>) {
        guard row >= 0 && row < size.height else { return }
        for column in max(0, columns.lowerBound)..<min(size.width, columns.upperBound) {
            cells[row * size.width + column].role = role
        }
    }

    /// If the cell is half of a wide grapheme, blanks the other half.
    private mutating func clearHalves(row: Int, column: Int) {
        let index = row * size.width + column
        let cell = cells[index]
        if cell.isWideContinuation, column > 0 {
            cells[index - 1] = Cell(" ", role: cells[index - 1].role)
        } else if column + 1 < size.width, cells[index + 1].isWideContinuation {
            cells[index + 1] = Cell(" ", role: cells[index + 1].role)
        }
        cells[index] = Cell(" ", role: cell.role)
    }
}
