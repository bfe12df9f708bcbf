import DealdeckCore

/// One terminal cell: a grapheme cluster and the semantic role it is drawn with.
///
/// A wide grapheme (CJK, most emoji) occupies two cells: the first holds it, the second is a
/// continuation that the backend skips, so columns always line up with what the terminal shows.
public struct Cell: Equatable, Hashable, Sendable {
    public var grapheme: Character
    public var role: ThemeRole
    public var isWideContinuation: Bool

    public init(_ grapheme: Character, role: ThemeRole = .text, isWideContinuation: Bool = false) {
        self.grapheme = grapheme
        self.role = role
        self.isWideContinuation = isWideContinuation
    }

    /// An empty cell in the plain text role.
    public static let blank = Cell(" ")

    /// The second half of a wide grapheme.
    public static func continuation(role: ThemeRole) -> Cell {
        Cell(" ", role: role, isWideContinuation: true)
    }
}
