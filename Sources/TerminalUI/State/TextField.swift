/// A one-line text input (the filter and the command line). The cursor is always at the end:
/// enough for short typed terms, and simple to get right with wide characters.
public struct TextField: Equatable, Sendable {
    public var text: String

    public init(text: String = "") {
        self.text = text
    }

    mutating func insert(_ character: Character) { text.append(character) }

    mutating func deleteBackward() {
        if !text.isEmpty { text.removeLast() }
    }

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W in a shell).
    mutating func deleteWord() {
        while text.last == " " { text.removeLast() }
        while let last = text.last, last != " " { text.removeLast() }
    }

    mutating func clear() { text = "" }
}
