/// A mouse event, in cell coordinates (only when the user turned the mouse on).
public struct MouseEvent: Equatable, Hashable, Sendable {
    public enum Kind: Equatable, Hashable, Sendable {
        case click
        case doubleClick
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var position: Position

    public init(kind: Kind, position: Position) {
        self.kind = kind
        self.position = position
    }
}
