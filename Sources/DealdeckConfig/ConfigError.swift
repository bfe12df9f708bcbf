/// A configuration problem, naming the file and saying what to do.
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalidTOML(path: String, line: Int, column: Int, message: String)
    case invalidValue(path: String, key: String, message: String)
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "Dealdeck cannot read its config file \(path) (\(reason)). Check the file's permissions, or move it aside to start with defaults."
        case .invalidTOML(let path, let line, let column, let message):
            return "The config file \(path) is not valid TOML at line \(line), column \(column): \(message). Fix that line, or move the file aside to start with defaults."
        case .invalidValue(let path, let key, let message):
            return "The config file \(path) has a bad value for '\(key)': \(message)."
        case .cannotCreateDirectory(let path, let reason):
            return "Dealdeck cannot create the folder \(path) (\(reason)). Check the permissions of its parent, or choose another place with --home."
        case .cannotWrite(let path, let reason):
            return "Dealdeck cannot write \(path) (\(reason)). Check that the folder belongs to you and the disk is not full."
        }
    }
}
