/// A span of cells that shows a URL. The buffer always holds the URL as plain text; a backend
/// that knows the terminal supports OSC 8 also makes the span clickable.
public struct Hyperlink: Equatable, Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var url: String

    public init(row: Int, column: Int, width: Int, url: String) {
        self.row = row
        self.column = column
        self.width = width
        self.url = url
    }
}
