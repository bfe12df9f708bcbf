/// The line-drawing and marker characters the UI uses, in a Unicode and an ASCII set
/// (tig's `line-graphics`): terminals without a UTF-8 locale get the ASCII one.
public struct Glyphs: Equatable, Hashable, Sendable {
    public var vertical: Character
    public var horizontal: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var sortAscending: Character
    public var sortDescending: Character
    /// Freshness marks: received recently, a while ago, long ago.
    public var fresh: Character
    public var aging: Character
    public var stale: Character
    public var barFull: Character
    public var barEmpty: Character
    public var spinner: [Character]

    public static let unicode = Glyphs(
        vertical: "│", horizontal: "─", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        sortAscending: "▲", sortDescending: "▼", fresh: "●", aging: "·", stale: "◌", barFull: "█", barEmpty: "░",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"])

    public static let ascii = Glyphs(
        vertical: "|", horizontal: "-", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        sortAscending: "^", sortDescending: "v", fresh: "*", aging: ".", stale: "!", barFull: "#", barEmpty: ".",
        spinner: ["|", "/", "-", "\\"])
}
