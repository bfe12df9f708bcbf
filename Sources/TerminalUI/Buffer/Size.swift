/// A terminal size in columns and rows.
public struct Size: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Size(width: 0, height: 0)

    /// `80×24`, as people write terminal sizes.
    public var description: String { "\(width)×\(height)" }
}
