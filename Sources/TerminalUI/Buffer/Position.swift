/// A cell position: `row` from the top, `column` from the left, both from 0.
public struct Position: Equatable, Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}
