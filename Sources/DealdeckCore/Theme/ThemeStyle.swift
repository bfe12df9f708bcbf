/// How one role looks: foreground, background and attributes.
public struct ThemeStyle: Equatable, Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: Set<ThemeAttribute>

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, attributes: Set<ThemeAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = ThemeStyle()
}

/// Text attributes a terminal can show without colour.
public enum ThemeAttribute: String, CaseIterable, Sendable, Codable {
    case bold, dim, italic, underline, reverse
}
