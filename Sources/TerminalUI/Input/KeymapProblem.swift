/// Something wrong with the `[keys]` section of `config.toml`, naming the key path so the user
/// can find it. Problems never stop Dealdeck: the offending override is skipped or wins, as said.
public struct KeymapProblem: Equatable, Sendable, CustomStringConvertible {
    /// `keys.<command>` as written in the file.
    public var keyPath: String
    public var message: String

    public init(keyPath: String, message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String { "\(keyPath): \(message)" }
}
