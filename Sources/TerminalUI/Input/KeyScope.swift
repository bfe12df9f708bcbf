/// Where a binding applies. The list and global scopes are active together, so a chord may not
/// mean two things across them; the help overlay and text input are modal and shadow global keys
/// on purpose (`q` closes help instead of quitting).
public enum KeyScope: String, CaseIterable, Hashable, Sendable {
    case global
    case list
    case help
    case textInput = "text_input"

    /// The scopes a chord must be unique across when this one is active.
    var conflictGroup: [KeyScope] {
        switch self {
        case .global, .list: return [.global, .list]
        case .help: return [.help]
        case .textInput: return [.textInput]
        }
    }
}
