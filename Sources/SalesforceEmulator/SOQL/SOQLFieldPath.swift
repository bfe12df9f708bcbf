/// A validated field path in canonical API-name casing, e.g. `["Account", "Name"]`.
///
/// Every relationship segment is a relationship name and the last segment is a field of the
/// object the path arrives at. Record accessors switch on it once per query, not per record.
public struct SOQLFieldPath: Sendable, Hashable, CustomStringConvertible {
    public let components: [String]

    public init(_ components: [String]) {
        self.components = components
    }

    /// A path from its dotted form, `Account.Name`.
    public init(dotted: String) {
        components = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The relationship names to walk before reading the field (empty for a field of the record itself).
    public var relationships: ArraySlice<String> { components.dropLast() }

    /// The field read at the end of the path.
    public var fieldName: String { components.last ?? "" }

    /// The dotted form, `Account.Name`.
    public var description: String { components.joined(separator: ".") }
}
