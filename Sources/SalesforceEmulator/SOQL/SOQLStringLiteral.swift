/// A quoted string literal: its decoded value, plus the text as written, which LIKE needs to
/// tell an escaped `\%` from a wildcard `%`.
public struct SOQLStringLiteral: Sendable, Hashable {
    /// The value with every escape sequence decoded.
    public let value: String
    /// The characters between the quotes, escapes undecoded.
    public let raw: String

    public init(value: String, raw: String) {
        self.value = value
        self.raw = raw
    }
}
