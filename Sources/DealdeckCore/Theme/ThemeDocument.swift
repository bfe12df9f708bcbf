/// A theme file as read from disk, before validation: the file format's reader (TOML, in
/// DealdeckConfig) fills it in, and `ThemeSpec.resolve` checks it. Keeping the core free of
/// the TOML library keeps it pure.
public struct ThemeDocument: Equatable, Sendable {
    public var name: String?
    public var description: String?
    /// Another theme whose roles this one starts from (gitui-style partial themes).
    public var extends: String?
    public var roles: [String: Entry]

    public init(name: String? = nil, description: String? = nil, extends: String? = nil, roles: [String: Entry] = [:]) {
        self.name = name
        self.description = description
        self.extends = extends
        self.roles = roles
    }

    /// One role's entry: each part optional, so partial themes can override only `fg`.
    public struct Entry: Equatable, Sendable {
        public var foreground: String?
        public var background: String?
        public var attributes: [String]?
        /// The 1-based line in the file where the role is defined, for error messages.
        public var line: Int?

        public init(foreground: String? = nil, background: String? = nil, attributes: [String]? = nil, line: Int? = nil) {
            self.foreground = foreground
            self.background = background
            self.attributes = attributes
            self.line = line
        }
    }
}
