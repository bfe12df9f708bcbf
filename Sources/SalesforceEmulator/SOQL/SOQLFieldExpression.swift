/// A field path as written in the query (`account.name`), with where it was written.
public struct SOQLFieldExpression: Sendable, Hashable {
    /// The dot-separated segments in the user's casing.
    public let components: [String]
    /// UTF-8 offset of the path in the query, where error carets point.
    public let offset: Int

    public init(components: [String], offset: Int) {
        self.components = components
        self.offset = offset
    }

    /// The path as written, e.g. `account.name`.
    public var text: String { components.joined(separator: ".") }
}
