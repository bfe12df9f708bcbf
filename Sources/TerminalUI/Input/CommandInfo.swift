/// What the help overlay and the hint bar say about a command.
public struct CommandInfo: Equatable, Sendable {
    public var scope: KeyScope
    public var group: String
    /// One line for the help overlay.
    public var help: String
    /// A word or two for the hint bar, or nil to leave the command out of it.
    public var hint: String?

    public init(scope: KeyScope, group: String, help: String, hint: String? = nil) {
        self.scope = scope
        self.group = group
        self.help = help
        self.hint = hint
    }
}
